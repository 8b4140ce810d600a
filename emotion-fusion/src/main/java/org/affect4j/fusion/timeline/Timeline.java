package org.affect4j.fusion.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.MediaException;
import org.affect4j.core.Prediction;
import org.affect4j.core.SilentAudioException;
import org.affect4j.fusion.FusedFace;
import org.affect4j.fusion.MultimodalModel;
import org.affect4j.fusion.MultimodalResult;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.FaceTracker;
import org.affect4j.vision.io.VideoDecoder;

/**
 * Walks a long recording window by window (default 3 s windows, hop 3 s, as the seed's inference script cut
 * classroom recordings) and streams one {@link TimelineRow} per window and face to a sink. Each window is decoded
 * on its own (seeking), so memory stays bounded however long the file is. Faces keep their id across windows
 * (IoU tracking of the per-window boxes). Stateless; each call is independent.
 */
public final class Timeline {

    /** Progress after each window: seconds of media done out of the total. */
    public record Progress(double doneSeconds, double totalSeconds, int windows) {
    }

    private Timeline() {
    }

    /** Start times of the windows covering {@code duration}: 0, hop, 2·hop, … while start < duration. */
    static List<Double> starts(double duration, double window, double hop) {
        if (!(window > 0) || !(hop > 0)) {
            throw new IllegalArgumentException("window and hop must be positive");
        }
        List<Double> s = new ArrayList<>();
        for (int k = 0; k * hop < duration - 1e-9; k++) {
            s.add(k * hop);
        }
        return s;
    }

    /**
     * Multimodal timeline of a video file (faces + its audio track): windows of {@code window} seconds every
     * {@code hop} seconds. The networks see 3 s (90 steps at 30 fps; 563 mel frames), so a window may be at most
     * that long; a shorter one is zero-padded as the seed pads short clips, and each row says how much was real.
     */
    public static void video(MultimodalModel model, Path file, double window, double hop, TimelineSink sink,
                             Consumer<Progress> progress) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sink, "sink");
        requireWindow(window, model.videoModel().options().windowSeconds());
        VideoDecoder.Info info = VideoDecoder.probe(file);
        List<Double> starts = starts(info.durationSeconds(), window, hop);
        if (starts.isEmpty()) {
            throw new MediaException(file, "media has no duration");
        }
        FaceTracker identities = new FaceTracker(0.3);
        int clip = 0;
        for (double start : starts) {
            double end = start + window;
            MultimodalResult r;
            try {
                r = model.predictWindow(file, start, window, null);
            } catch (MediaException e) {
                emit(sink, new TimelineRow(clip, start, end, -1, null, null, 0, e.getMessage()));
                identities.add(List.of());
                report(progress, Math.min(end, info.durationSeconds()), info.durationSeconds(), ++clip);
                continue;
            }
            String note = r.speechProblem() == null ? "" : r.speechProblem();
            if (!r.hasFace()) {
                identities.add(List.of());
                emit(sink, new TimelineRow(clip, start, end, -1, null, r.speech(), r.realSeconds(), (note + " no face found").trim()));
            } else {
                List<FaceBox> boxes = new ArrayList<>();
                for (FusedFace f : r.faces()) {
                    boxes.add(f.video().box());
                }
                int[] ids = identities.add(boxes);
                for (int i = 0; i < r.faces().size(); i++) {
                    FusedFace f = r.faces().get(i);
                    emit(sink, new TimelineRow(clip, start, end, ids[i], f.video().box(), f.fused(), r.realSeconds(), note));
                }
            }
            report(progress, Math.min(end, info.durationSeconds()), info.durationSeconds(), ++clip);
        }
    }

    /**
     * Speech-only timeline of a long WAV: windows of {@code window} seconds (at most the model's 3 s; shorter ones
     * are zero-padded) every {@code hop} seconds, read from disk one at a time. {@code model} must analyse its
     * input from offset 0.
     */
    public static void speech(SpeechModel model, Path wav, double window, double hop, TimelineSink sink, Consumer<Progress> progress) {
        Objects.requireNonNull(model, "model");
        requireWindow(window, model.input().windowSamples() / (double) model.input().frontend().config().sampleRate());
        WavDecoder.Header h = WavDecoder.header(wav);
        double total = h.durationSeconds();
        List<Double> starts = starts(total, window, hop);
        if (starts.isEmpty()) {
            throw new MediaException(wav, "WAV holds no samples");
        }
        int clip = 0;
        for (double start : starts) {
            AudioSignal s = WavDecoder.window(wav, start, window);
            double real = s.durationSeconds();
            Prediction p = null;
            String note = "";
            try {
                p = model.predict(s, wav.getFileName() + " @ " + start + " s");
            } catch (SilentAudioException e) {
                note = "silent audio in the window";
            }
            emit(sink, new TimelineRow(clip, start, start + window, -1, null, p, real, note));
            report(progress, Math.min(start + window, total), total, ++clip);
        }
    }

    private static void requireWindow(double window, double networkWindow) {
        if (!(window > 0) || window > networkWindow + 1e-9) {
            throw new IllegalArgumentException("window must be in (0, " + networkWindow + "] s: the networks analyse "
                    + networkWindow + " s at a time (use a smaller hop for denser coverage), got " + window);
        }
    }

    private static void emit(TimelineSink sink, TimelineRow row) {
        try {
            sink.accept(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write timeline row " + row.clip(), e);
        }
    }

    private static void report(Consumer<Progress> progress, double done, double total, int windows) {
        if (progress != null) {
            progress.accept(new Progress(done, total, windows));
        }
    }
}
