package org.affect4j.audio.features;

import java.util.Objects;
import org.affect4j.audio.io.AudioSignal;

/**
 * Where the speech is in a clip, from short-time energy: frames of {@value #FRAME_SECONDS} s every
 * {@value #HOP_SECONDS} s count as active when their RMS is within {@value #RANGE_DB} dB of the clip's loudest frame
 * and above {@value #FLOOR_DBFS} dBFS. Used to place the analysis window of a clip that is shorter or longer than
 * the window, or whose speech does not start where the training clips' did ({@link WindowPlacement}). Stateless and
 * thread-safe.
 */
public final class SpeechActivity {

    public static final double FRAME_SECONDS = 0.02;
    public static final double HOP_SECONDS = 0.01;
    public static final double RANGE_DB = 35.0;
    public static final double FLOOR_DBFS = -60.0;
    /** How far before the first active frame a speech-active window starts. */
    public static final double LEAD_SECONDS = 0.1;

    private final boolean[] active;
    private final double duration;

    private SpeechActivity(boolean[] active, double duration) {
        this.active = active;
        this.duration = duration;
    }

    /** The activity of {@code signal}'s frames. */
    public static SpeechActivity of(AudioSignal signal) {
        Objects.requireNonNull(signal, "signal");
        int rate = signal.sampleRate();
        int frame = Math.max(1, (int) Math.round(FRAME_SECONDS * rate));
        int hop = Math.max(1, (int) Math.round(HOP_SECONDS * rate));
        int n = signal.length() < frame ? (signal.length() > 0 ? 1 : 0) : 1 + (signal.length() - frame) / hop;
        double[] db = new double[n];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < n; f++) {
            int from = f * hop;
            int to = Math.min(signal.length(), from + frame);
            double sum = 0;
            for (int i = from; i < to; i++) {
                double v = signal.sample(i);
                sum += v * v;
            }
            db[f] = 10 * Math.log10(Math.max(1e-20, sum / Math.max(1, to - from)));
            loudest = Math.max(loudest, db[f]);
        }
        boolean[] active = new boolean[n];
        double threshold = Math.max(loudest - RANGE_DB, FLOOR_DBFS);
        for (int f = 0; f < n; f++) {
            active[f] = db[f] > threshold;
        }
        return new SpeechActivity(active, signal.durationSeconds());
    }

    /** Number of active frames. */
    public int activeFrames() {
        int c = 0;
        for (boolean a : active) {
            c += a ? 1 : 0;
        }
        return c;
    }

    /** Active frames whose start lies in [from, from + seconds). */
    public int activeFramesIn(double from, double seconds) {
        int lo = Math.max(0, (int) Math.ceil(from / HOP_SECONDS - 1e-9));
        int hi = Math.min(active.length, (int) Math.ceil((from + seconds) / HOP_SECONDS - 1e-9));
        int c = 0;
        for (int f = lo; f < hi; f++) {
            c += active[f] ? 1 : 0;
        }
        return c;
    }

    /**
     * The start of the {@code windowSeconds} window holding the most active frames (the earliest such), moved
     * forward to {@value #LEAD_SECONDS} s before its first active frame when that keeps every one of them. 0 when
     * nothing is active.
     */
    public double bestWindowStart(double windowSeconds) {
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("window must be > 0 s, got " + windowSeconds);
        }
        int span = (int) Math.ceil(windowSeconds / HOP_SECONDS - 1e-9);
        int[] prefix = new int[active.length + 1];
        for (int f = 0; f < active.length; f++) {
            prefix[f + 1] = prefix[f] + (active[f] ? 1 : 0);
        }
        if (prefix[active.length] == 0) {
            return 0;
        }
        int best = -1;
        int bestStart = 0;
        for (int s = 0; s < active.length; s++) {
            int count = prefix[Math.min(active.length, s + span)] - prefix[s];
            if (count > best) {
                best = count;
                bestStart = s;
            }
        }
        int first = bestStart;
        while (!active[first]) {
            first++;
        }
        int lead = (int) Math.round(LEAD_SECONDS / HOP_SECONDS);
        int moved = Math.max(bestStart, first - lead);
        int kept = prefix[Math.min(active.length, moved + span)] - prefix[moved];
        return (kept == best ? moved : bestStart) * HOP_SECONDS;
    }

    /** The clip's duration in seconds. */
    public double durationSeconds() {
        return duration;
    }
}
