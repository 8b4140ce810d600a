package org.affect4j.core.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What the speech and multimodal timelines share: where the windows start, how long they may be, writing rows, progress. */
public final class TimelineWindows {

    private TimelineWindows() {
    }

    /**
     * Start times of the windows covering {@code duration}: 0, hop, 2·hop, … while start &lt; duration.
     *
     * @throws IllegalArgumentException if {@code window} or {@code hop} is not positive
     */
    public static List<Double> starts(double duration, double window, double hop) {
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
     * Checks a window length against what a network analyses at a time.
     *
     * @throws IllegalArgumentException if {@code window} is not in (0, networkWindow]
     */
    public static void requireWindow(double window, double networkWindow) {
        if (!(window > 0) || window > networkWindow + 1e-9) {
            throw new IllegalArgumentException("window must be in (0, " + networkWindow + "] s: the networks analyse "
                    + networkWindow + " s at a time (use a smaller hop for denser coverage), got " + window);
        }
    }

    /**
     * Hands {@code row} to {@code sink}.
     *
     * @throws UncheckedIOException naming the row if the sink cannot write it
     */
    public static void emit(TimelineSink sink, TimelineRow row) {
        try {
            sink.accept(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write timeline row " + row.clip() + " (" + row.start() + " s)", e);
        }
    }

    /** Reports {@code windows} windows done, {@code done} of {@code total} seconds, to {@code progress} (null = nobody). */
    public static void report(Consumer<TimelineProgress> progress, double done, double total, int windows) {
        if (progress != null) {
            progress.accept(new TimelineProgress(done, total, windows));
        }
    }
}
