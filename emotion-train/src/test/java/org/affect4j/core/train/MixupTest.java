package org.affect4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixupTest {

    /** Sample moments against the distributions' closed forms: Gamma(k) has mean k and variance k. */
    @Test
    void gammaDrawsHaveTheRightMoments() {
        for (double k : new double[] {0.2, 0.7, 1.0, 2.5}) {
            Random rng = new Random(11);
            int n = 200_000;
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                double g = Mixup.gamma(k, rng);
                assertTrue(g >= 0, "negative Gamma draw " + g);
                s += g;
                s2 += g * g;
            }
            double mean = s / n;
            double var = s2 / n - mean * mean;
            System.out.printf("Gamma(%.1f): mean %.4f (expect %.1f), variance %.4f (expect %.1f)%n", k, mean, k, var, k);
            assertEquals(k, mean, 0.02 * Math.max(1, k));
            assertEquals(k, var, 0.05 * Math.max(1, k));
        }
    }

    /** Beta(a, a): mean 1/2, variance 1 / (4 (2a + 1)); for a = 0.2 most draws lie near 0 or 1. */
    @Test
    void betaDrawsHaveTheRightMoments() {
        double a = 0.2;
        Random rng = new Random(5);
        int n = 200_000;
        double s = 0;
        double s2 = 0;
        int extreme = 0;
        for (int i = 0; i < n; i++) {
            double b = Mixup.beta(a, rng);
            assertTrue(b >= 0 && b <= 1, "Beta draw outside [0,1]: " + b);
            s += b;
            s2 += b * b;
            if (b < 0.1 || b > 0.9) {
                extreme++;
            }
        }
        double mean = s / n;
        double var = s2 / n - mean * mean;
        double expectVar = 1 / (4 * (2 * a + 1));
        System.out.printf("Beta(0.2,0.2): mean %.4f, variance %.4f (expect %.4f), share outside [0.1,0.9] %.3f%n", mean, var, expectVar,
                extreme / (double) n);
        assertEquals(0.5, mean, 0.005);
        assertEquals(expectVar, var, 0.003);
        // P(B < 0.1) + P(B > 0.9) for Beta(0.2, 0.2) = 2 I_0.1(0.2, 0.2) = 0.673 (scipy.stats.beta.cdf)
        assertEquals(0.673, extreme / (double) n, 0.01);
    }

    @Test
    void mixesFeaturesAndTargetsWithTheSameWeightAndPartner() {
        List<float[]> x = List.of(new float[] {1, 0, 2}, new float[] {0, 4, 0}, new float[] {3, 3, 3}, new float[] {-1, 5, 2});
        int[] y = {0, 1, 2, 1};
        Mixup.Batch b = new Mixup(0.4).apply(x, y, 3, new Random(3));
        double l = b.lambda();
        assertTrue(l > 0 && l < 1, "lambda " + l);
        int[] sorted = b.partner().clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3}, sorted, "partners are a permutation of the batch");
        for (int i = 0; i < 4; i++) {
            int p = b.partner()[i];
            for (int k = 0; k < 3; k++) {
                assertEquals((float) l * x.get(i)[k] + (float) (1 - l) * x.get(p)[k], b.features().get(i)[k], 1e-6);
            }
            float[] t = b.targets()[i];
            float sum = 0;
            for (float v : t) {
                sum += v;
            }
            assertEquals(1f, sum, 1e-6);
            float expectOwn = (float) l + (y[p] == y[i] ? (float) (1 - l) : 0f);
            assertEquals(expectOwn, t[y[i]], 1e-6);
        }
        assertEquals(1f, x.get(0)[0], "inputs unchanged");
        Mixup.Batch again = new Mixup(0.4).apply(x, y, 3, new Random(3));
        assertEquals(l, again.lambda());
        assertArrayEquals(b.partner(), again.partner());
        assertNotEquals(l, new Mixup(0.4).apply(x, y, 3, new Random(4)).lambda());
    }

    @Test
    void noneIsOneHotAndUnmixed() {
        List<float[]> x = List.of(new float[] {1, 2}, new float[] {3, 4});
        Mixup.Batch b = Mixup.NONE.apply(x, new int[] {1, 0}, 2, new Random(1));
        assertSame(x, b.features());
        assertArrayEquals(new float[] {0, 1}, b.targets()[0]);
        assertArrayEquals(new float[] {1, 0}, b.targets()[1]);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Mixup(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Mixup(Double.NaN));
        Mixup m = new Mixup(0.2);
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> m.apply(List.of(new float[2], new float[3]), new int[] {0, 0}, 2, new Random(1)));
        assertTrue(len.getMessage().contains("example 1 has 3 values"), len.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> m.apply(List.of(new float[2], new float[2]), new int[] {0, 2}, 2, new Random(1)));
        assertTrue(label.getMessage().contains("label 2 of example 1"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.apply(List.of(new float[2]), new int[] {0, 1}, 2, new Random(1)));
    }
}
