package org.affect4j.core;

import java.util.Locale;

/**
 * The part of a clip a prediction scored: {@code [startSeconds, endSeconds)} of a clip {@code mediaSeconds} long
 * (end clipped to the clip's end; a window that runs past it was zero-padded). Immutable.
 */
public record Span(double startSeconds, double endSeconds, double mediaSeconds) {

    /** Tolerance (s) for "the whole clip": rounding of sample counts. */
    private static final double EPS = 0.02;

    /**
     * @throws IllegalArgumentException unless {@code 0 <= startSeconds <= endSeconds} and {@code mediaSeconds} is finite and
     *     not negative
     */
    public Span {
        if (!(startSeconds >= 0) || !(endSeconds >= startSeconds) || !(mediaSeconds >= 0) || Double.isInfinite(mediaSeconds)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid span [%s, %s) of %s s", startSeconds, endSeconds,
                    mediaSeconds));
        }
    }

    /** Seconds of the clip that were scored. */
    public double seconds() {
        return endSeconds - startSeconds;
    }

    /** True when the span covers the clip from start to end (within 20 ms). */
    public boolean coversWholeClip() {
        return startSeconds <= EPS && endSeconds >= mediaSeconds - EPS;
    }

    /** E.g. {@code "0.50-3.50 s of 30.00 s"}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f-%.2f s of %.2f s", startSeconds, endSeconds, mediaSeconds);
    }
}
