package org.affect4j.examples.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar with rate and ETA, redrawn with carriage returns on stderr. */
final class Progress {
    private final PrintStream to;
    private final String unit;
    private final long start = System.nanoTime();

    Progress(PrintStream to, String unit) {
        this.to = to;
        this.unit = unit;
    }

    /** Redraws the bar: {@code done} of {@code total} units (the total may be learnt late, e.g. a media duration). */
    void update(double done, double total) {
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        int width = 30;
        int filled = (int) Math.min(width, width * done / Math.max(1e-9, total));
        to.printf(Locale.ROOT, "\r[%s%s] %.0f/%.0f %s  %.2f %s/s  elapsed %s  ETA %s", "#".repeat(filled), " ".repeat(width - filled),
                done, total, unit, rate, unit, time(secs), time(eta));
        to.flush();
    }

    void done() {
        to.println();
    }

    private static String time(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            return "--:--";
        }
        long t = Math.round(s);
        return String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }
}
