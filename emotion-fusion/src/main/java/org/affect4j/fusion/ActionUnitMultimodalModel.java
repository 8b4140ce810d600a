package org.affect4j.fusion;

import org.affect4j.core.MultimodalResult;
import org.affect4j.core.FusedFace;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.Clip;
import org.affect4j.core.MediaException;
import org.affect4j.core.MissingReason;
import org.affect4j.core.Prediction;
import org.affect4j.core.SilentAudioException;
import org.affect4j.core.FaceResult;
import org.affect4j.vision.au.ActionUnitTrack;
import org.affect4j.vision.au.ActionUnits;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.io.VideoDecoder;

/**
 * The action-unit multimodal road for one clip: the speech model on its window of the audio (a WAV, or a video's
 * sound track) and the action units of an OpenFace CSV averaged over the clip's frames up to the end of that window,
 * fused by a trained {@link ActionUnitFusion}. The speech model must be the one the fusion was trained with.
 *
 * <p>Spans: speech analyses its model's window ({@code offset} to {@code offset + 3 s}; 0.5–3.5 s for the bundled
 * models); the action units are the plain mean over the tracked frames from 0 s to the end of that window — for a
 * RAVDESS clip (3–4 s) the whole clip, as the training features were computed. A longer file is analysed only up to
 * there ({@link MultimodalResult#coversLessThanMedia()}).
 *
 * <p>Missing modalities are explicit: no audio track or a silent window gives the action-unit prediction alone (and
 * {@link MultimodalResult#speechMissing()}); no tracked face frame in the span gives the speech prediction alone;
 * neither is a {@link MediaException}. Thread-safe.
 */
public final class ActionUnitMultimodalModel implements AutoCloseable {

    private final SpeechModel speech;
    private final ActionUnitFusion fusion;

    /** @param speech the speech model {@code fusion} was trained with (its window as trained: not re-offset) */
    public ActionUnitMultimodalModel(SpeechModel speech, ActionUnitFusion fusion) {
        this.speech = Objects.requireNonNull(speech, "speech");
        this.fusion = Objects.requireNonNull(fusion, "fusion");
        if (speech.windowOffsets().length != 1) {
            throw new IllegalArgumentException("the action-unit fusion was trained on one speech window; got offsets "
                    + java.util.Arrays.toString(speech.windowOffsets()));
        }
    }

    public SpeechModel speechModel() {
        return speech;
    }

    public ActionUnitFusion fusion() {
        return fusion;
    }

    /** End of the analysed span (s): the speech window's end. */
    public double spanEnd() {
        return speech.windowOffsets()[0] + speech.input().windowSeconds();
    }

    /**
     * @param media    a WAV, or a video file with sound
     * @param openFace the clip's OpenFace action units (its timestamps in the media's time)
     * @throws MediaException naming the file when neither modality is usable
     */
    public MultimodalResult predict(Path media, ActionUnitTrack openFace) {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(openFace, "openFace");
        double end = spanEnd();
        AudioSignal audio = null;
        double mediaSeconds;
        MissingReason speechMissing = null;
        if (media.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
            mediaSeconds = WavDecoder.header(media).durationSeconds();
            audio = speech.decode(Clip.of(media));
        } else {
            VideoDecoder.Decoded d = VideoDecoder.decode(media, 0, end, true);
            mediaSeconds = d.durationSeconds();
            if (d.hasAudio()) {
                audio = new AudioSignal(d.audio(), d.audioRate(), media);
            } else {
                speechMissing = MissingReason.NO_AUDIO_TRACK;
            }
        }
        Prediction speechPrediction = null;
        if (audio != null) {
            try {
                speechPrediction = speech.predict(audio, media.getFileName().toString());
            } catch (SilentAudioException e) {
                speechMissing = MissingReason.SILENT_AUDIO;
            }
        }
        ActionUnits au = null;
        String faceProblem = null;
        try {
            au = openFace.mean(0, end);
        } catch (MediaException e) {
            faceProblem = e.getMessage();
        }
        if (au == null && speechPrediction == null) {
            throw new MediaException(media, "no usable speech (" + speechMissing.description() + ") and no action units (" + faceProblem + ")");
        }
        List<FusedFace> faces = List.of();
        if (au != null) {
            Prediction face = fusion.branch().predict(au);
            int inSpan = openFace.framesIn(0, end);
            FaceResult fr = new FaceResult(0, Optional.ofNullable(openFace.meanBox(0, end)).map(FaceBox::toBox), au.frames(), inSpan - au.frames(), 0, face,
                    new float[0], new float[0]);
            faces = List.of(new FusedFace(fr, speechPrediction == null ? face : fusion.fuse(face, speechPrediction)));
        }
        double audioSeconds = audio == null ? 0 : Math.min(end, audio.durationSeconds());
        double faceSeconds = au == null ? 0 : Math.min(end, lastTimestamp(openFace, end));
        return new MultimodalResult(media, 0, end, Math.max(audioSeconds, faceSeconds),
                Optional.ofNullable(speechPrediction), Optional.ofNullable(speechMissing), faces, mediaSeconds);
    }

    private static double lastTimestamp(ActionUnitTrack t, double end) {
        double last = 0;
        for (ActionUnitTrack.Frame f : t.frames()) {
            if (f.timestamp() < end) {
                last = Math.max(last, f.timestamp());
            }
        }
        return last;
    }

    @Override
    public void close() {
        speech.close();
    }
}
