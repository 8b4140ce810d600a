package org.affect4j.audio;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.MediaException;
import org.affect4j.core.MissingReason;
import org.affect4j.core.Prediction;
import org.affect4j.core.SilentAudioException;
import org.affect4j.core.timeline.TimelineProgress;
import org.affect4j.core.timeline.TimelineRow;
import org.affect4j.core.timeline.TimelineSink;
import org.affect4j.core.timeline.TimelineWindows;

/**
 * Speech-only timeline of a long WAV (behind {@link SpeechDetector#timeline} and the multimodal detector's speech
 * timeline): windows of at most the model's length,
 * every hop seconds, each read from disk on its own, so memory stays bounded however long the file is. Stateless.
 */
public final class SpeechTimeline {

    private SpeechTimeline() {
    }

    /**
     * Streams one row per window to {@code sink}; a silent window gives a row without prediction whose note says so.
     * {@code model} must analyse its input from offset 0.
     */
    public static void run(SpeechModel model, Path wav, double window, double hop, TimelineSink sink, Consumer<TimelineProgress> progress) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sink, "sink");
        TimelineWindows.requireWindow(window, model.input().windowSeconds());
        double total = WavDecoder.header(wav).durationSeconds();
        List<Double> starts = TimelineWindows.starts(total, window, hop);
        if (starts.isEmpty()) {
            throw new MediaException(wav, "WAV holds no samples");
        }
        int clip = 0;
        for (double start : starts) {
            AudioSignal s = WavDecoder.window(wav, start, window);
            Optional<Prediction> p;
            String note = "";
            try {
                p = Optional.of(model.predict(s, wav.getFileName() + " @ " + start + " s"));
            } catch (SilentAudioException e) {
                p = Optional.empty();
                note = MissingReason.SILENT_AUDIO.description();
            }
            TimelineWindows.emit(sink, new TimelineRow(clip, start, start + window, -1, Optional.empty(), p, s.durationSeconds(), note));
            TimelineWindows.report(progress, Math.min(start + window, total), total, ++clip);
        }
    }
}
