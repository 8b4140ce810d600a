package org.affect4j.fusion;

import org.affect4j.core.MultimodalResult;
import org.affect4j.core.FusedFace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.core.MediaException;
import org.affect4j.core.MissingReason;
import org.affect4j.core.Prediction;
import org.affect4j.core.SilentAudioException;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.core.FaceResult;
import org.affect4j.vision.VideoAnalyser;
import org.affect4j.vision.VideoModel;
import org.affect4j.core.VideoResult;
import org.affect4j.vision.face.LandmarkTrack;
import org.affect4j.vision.io.VideoDecoder;

/**
 * The seed's multimodal road for one window of a video file with sound: decode the window once (frames and the
 * audio track) → {@link VideoModel} per face and {@link SpeechModel} on the same window's audio (resampled to
 * 48 kHz) → {@link FusionNet} per face.
 *
 * <p>Missing modalities are explicit, never fabricated: without an audio track, or with a silent window, each
 * face gets the video model's prediction (modalities = VIDEO) and {@link MultimodalResult#speechMissing()} says
 * why; without a face, the result holds only the speech prediction (modalities = SPEECH); with neither, a
 * {@link MediaException} names the file. Thread-safe.
 */
public final class MultimodalModel implements AutoCloseable {

    private final SpeechModel speech;
    private final VideoAnalyser video;
    private final ModalityFusion fusion;

    /** The seed's multimodal model: EmoNet-LSTM, speech network, trained fusion layer. */
    public MultimodalModel(SpeechModel speech, VideoModel video, FusionNet fusion) {
        this(speech, video, ModalityFusion.trained(Objects.requireNonNull(fusion, "fusion")));
    }

    /**
     * Any video model and fusion (e.g. the bundled per-frame face model with {@link LateFusion}).
     *
     * @param speech a speech model whose input window starts at offset 0 (it receives exactly the window's audio)
     */
    public MultimodalModel(SpeechModel speech, VideoAnalyser video, ModalityFusion fusion) {
        this.speech = Objects.requireNonNull(speech, "speech");
        this.video = Objects.requireNonNull(video, "video");
        this.fusion = Objects.requireNonNull(fusion, "fusion");
    }

    public VideoAnalyser videoModel() {
        return video;
    }

    public ModalityFusion fusion() {
        return fusion;
    }

    public SpeechModel speechModel() {
        return speech;
    }

    /** The seed's window (from the video options: 0.5 s, 3 s). */
    public MultimodalResult predict(Path file, LandmarkTrack landmarks) {
        return predictWindow(file, video.options().windowStart(), video.options().windowSeconds(), landmarks);
    }

    /**
     * The window [start, start + length] of {@code file}, analysed as a 3 s clip from {@code start} (a shorter
     * length is zero-padded; at most the model's window).
     */
    public MultimodalResult predictWindow(Path file, double start, double length, LandmarkTrack landmarks) {
        if (!(length > 0) || length > video.options().windowSeconds() + 1e-9) {
            throw new IllegalArgumentException("window length must be in (0, " + video.options().windowSeconds() + "] s, got " + length);
        }
        return analyse(VideoDecoder.decode(file, start, start + length, true), start, landmarks);
    }

    /** Analyses an already decoded window (frames and audio starting at {@code start}). */
    public MultimodalResult analyse(VideoDecoder.Decoded d, double start, LandmarkTrack landmarks) {
        Path file = d.source();
        double end = start + video.options().windowSeconds();
        Prediction speechPrediction = null;
        MissingReason speechMissing = null;
        double audioSeconds = 0;
        if (!d.hasAudio()) {
            speechMissing = MissingReason.NO_AUDIO_TRACK;
        } else {
            AudioSignal audio = new AudioSignal(d.audio(), d.audioRate(), file);
            audioSeconds = audio.durationSeconds();
            try {
                speechPrediction = speech.predict(audio, file.getFileName() + " @ " + start + " s");
            } catch (SilentAudioException e) {
                speechMissing = MissingReason.SILENT_AUDIO;
            }
        }
        VideoResult v;
        try {
            v = video.analyse(d, start, landmarks);
        } catch (MediaException e) {
            if (speechPrediction == null || !e.getMessage().contains("no video frames")) {
                throw e;
            }
            v = new VideoResult(file, d.frameRate(), 0, List.of());
        }
        if (!v.hasFace() && speechPrediction == null) {
            throw new MediaException(file, "window " + start + "-" + end + " s: no face found and no usable speech (" + speechMissing.description() + ")");
        }
        List<FusedFace> faces = new ArrayList<>();
        for (FaceResult f : v.faces()) {
            Prediction fused;
            if (speechPrediction != null) {
                fused = fusion.fuse(f.prediction(), speechPrediction);
            } else {
                fused = f.prediction();
            }
            faces.add(new FusedFace(f, fused));
        }
        double videoSeconds = 0;
        if (!v.faces().isEmpty()) {
            FaceResult main = v.faces().get(0);
            videoSeconds = video instanceof VideoModel
                    ? (video.options().frames() - main.framesPadded()) / video.options().targetFps()
                    : Math.min(video.options().windowSeconds(), (main.framesWithFace() + main.framesNoFace()) / Math.max(d.frameRate(), 1e-9));
        }
        double real = Math.min(video.options().windowSeconds(), Math.max(audioSeconds, videoSeconds));
        return new MultimodalResult(file, start, end, real, Optional.ofNullable(speechPrediction), Optional.ofNullable(speechMissing), faces, d.durationSeconds());
    }

    @Override
    public void close() {
        speech.close();
        video.close();
    }
}
