package org.affect4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Float comparisons for results that two roads compute with different kernels, blockings, batch sizes or thread
 * counts (oneDNN and OpenBLAS choose them by CPU and thread count, so the last bits differ between machines). The
 * bound is relative to the largest magnitude in the expected values; the measured difference is printed, as the
 * parity tests do. Use exact equality only where the same code runs on the same data by construction.
 */
public final class Close {

    /** float32 accumulation-order noise through a deep network: a few ulps of the largest value, with margin. */
    public static final double FLOAT_ORDER = 1e-5;

    private Close() {
    }

    /**
     * Asserts {@code max |e - a| <= relTol * max(|e|)} (at least {@code relTol} absolute near zero) and returns the
     * measured maximum difference.
     */
    public static double assertClose(float[] expected, float[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths differ");
        double err = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            err = Math.max(err, Math.abs((double) expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        double bound = relTol * Math.max(scale, 1.0);
        System.out.printf("%s: max |diff| = %.3g (bound %.3g = %.0e x max(1, max |value| %.3g))%n", what, err, bound, relTol, scale);
        assertTrue(err <= bound, what + ": max |diff| " + err + " over the bound " + bound);
        return err;
    }

    /** {@link #assertClose(float[], float[], double, String)} for doubles. */
    public static double assertClose(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths differ");
        double err = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            err = Math.max(err, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        double bound = relTol * Math.max(scale, 1.0);
        System.out.printf("%s: max |diff| = %.3g (bound %.3g)%n", what, err, bound);
        assertTrue(err <= bound, what + ": max |diff| " + err + " over the bound " + bound);
        return err;
    }
}
