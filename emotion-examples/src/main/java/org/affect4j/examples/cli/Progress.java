package org.affect4j.examples.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar with rate and ETA, redrawn with carriage returns on stderr. */
final class Progress {
    private final PrintStream to;
    private final long total;
    private final String unit;
    private final long start = System.nanoTime();

    Progress(PrintStream to, long total, String unit) {
        this.to = to;
        this.total = total;
        this.unit = unit;
    }

    void update(long done) {
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        to.printf(Locale.ROOT, "\r[%s%s] %d/%d %s  %.1f/s  elapsed %s  ETA %s", "#".repeat(filled), " ".repeat(width - filled),
                done, total, unit, rate, time(secs), time(eta));
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
