package org.affect4j.audio.features;

import java.util.Objects;
import java.util.Random;

/**
 * The seed's additive white Gaussian noise augmentation: one SNR drawn as an integer in [snrLow, snrHigh) dB for
 * the call, and {@code copies} independent noise vectors each scaled so that signal power / noise power equals
 * that SNR. Stateless; the caller owns the {@link Random}, so results are reproducible from a seed.
 */
public final class Awgn {

    private Awgn() {
    }

    /** The seed's settings: 2 copies, SNR in [15, 30) dB. */
    public static float[][] seed(float[] signal, Random rng) {
        return augment(signal, 2, 15, 30, rng);
    }

    public static float[][] augment(float[] signal, int copies, int snrLowDb, int snrHighDb, Random rng) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(rng, "rng");
        if (copies < 1 || snrHighDb <= snrLowDb) {
            throw new IllegalArgumentException("need copies >= 1 and snrHigh > snrLow");
        }
        int n = signal.length;
        double[][] noise = new double[copies][n];
        for (double[] row : noise) {
            for (int i = 0; i < n; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        int snr = snrLowDb + rng.nextInt(snrHighDb - snrLowDb);
        double sPower = 0;
        for (float v : signal) {
            sPower += (double) v * v;
        }
        sPower /= Math.max(1, n);
        float[][] out = new float[copies][n];
        for (int c = 0; c < copies; c++) {
            double nPower = 0;
            for (double v : noise[c]) {
                nPower += v * v;
            }
            nPower /= Math.max(1, n);
            double k = Math.sqrt(sPower / nPower * Math.pow(10, -snr / 10.0));
            for (int i = 0; i < n; i++) {
                out[c][i] = (float) (signal[i] + k * noise[c][i]);
            }
        }
        return out;
    }
}
