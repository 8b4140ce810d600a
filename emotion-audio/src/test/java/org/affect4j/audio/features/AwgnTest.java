package org.affect4j.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AwgnTest {

    @Test
    void snrIsAnIntegerDrawnFrom15To29AndReproducible() {
        float[] signal = new float[48_000];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) (0.3 * Math.sin(i * 0.05));
        }
        double ps = 0;
        for (float v : signal) {
            ps += v * v;
        }
        Set<Long> seen = new HashSet<>();
        for (int seed = 0; seed < 200; seed++) {
            float[][] noisy = Awgn.seed(signal, new Random(seed));
            assertEquals(2, noisy.length);
            double snr0 = snr(signal, noisy[0], ps);
            double snr1 = snr(signal, noisy[1], ps);
            long r = Math.round(snr0);
            assertEquals(r, snr0, 1e-3, "each copy's SNR is exactly the drawn integer");
            assertEquals(snr0, snr1, 1e-3, "both copies share one SNR draw");
            assertTrue(r >= 15 && r < 30, "SNR " + r);
            seen.add(r);
        }
        assertEquals(15, seen.size(), "all 15 integer SNRs 15..29 drawn over 200 seeds: " + seen);
        assertArrayEquals(Awgn.seed(signal, new Random(7))[1], Awgn.seed(signal, new Random(7))[1]);
    }

    private static double snr(float[] clean, float[] noisy, double ps) {
        double pn = 0;
        for (int i = 0; i < clean.length; i++) {
            double d = (double) noisy[i] - clean[i];
            pn += d * d;
        }
        return 10 * Math.log10(ps / pn);
    }
}
