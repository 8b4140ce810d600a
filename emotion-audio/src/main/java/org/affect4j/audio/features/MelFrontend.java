package org.affect4j.audio.features;

import java.util.Objects;
import org.affect4j.audio.io.AudioSignal;

/**
 * Log-mel spectrogram equal to librosa 0.9.1's {@code power_to_db(melspectrogram(...), ref=np.max)} for the
 * seed's parameters ({@link MelConfig#seed()}): a periodic Hamming window of {@code winLength} zero-padded
 * (centred) to {@code nFft}; frames centred with zero ({@code constant}) padding of nFft/2 on both sides; power
 * spectrum; Slaney-scale triangular filters with Slaney area normalisation (weights rounded to float32 as librosa
 * stores them); {@code 10·log10(max(amin, S)) − 10·log10(max(amin, max S))}, floored at {@code max − topDb}.
 * Computed in double precision like librosa on the seed's float64 signal. The filterbank is applied sparsely
 * (each filter touches only the FFT bins under its triangle).
 *
 * <p>Immutable and thread-safe: every call allocates its own work buffers.
 */
public final class MelFrontend {

    private final MelConfig config;
    private final Fft fft;
    private final double[] window;      // nFft long, the win_length window centred
    private final double[][] filters;   // [mel][bin - firstBin[mel]]
    private final int[] firstBin;

    public MelFrontend(MelConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.fft = new Fft(config.nFft());
        this.window = centredHamming(config.winLength(), config.nFft());
        double[][] dense = MelFilterBank.slaney(config.sampleRate(), config.nFft(), config.nMels(), config.fMin(), config.fMax());
        filters = new double[dense.length][];
        firstBin = new int[dense.length];
        for (int m = 0; m < dense.length; m++) {
            int lo = 0;
            while (lo < dense[m].length && dense[m][lo] == 0) {
                lo++;
            }
            int hi = dense[m].length - 1;
            while (hi >= lo && dense[m][hi] == 0) {
                hi--;
            }
            firstBin[m] = lo;
            filters[m] = java.util.Arrays.copyOfRange(dense[m], lo, Math.max(lo, hi + 1));
        }
    }

    /** The seed's front end: 48 kHz, n_fft 1024, Hamming 512, hop 256, 128 mels, top_db 80. */
    public static MelFrontend seed() {
        return new MelFrontend(MelConfig.seed());
    }

    public MelConfig config() {
        return config;
    }

    /** Number of frames for {@code samples} input samples: 1 + samples / hop (center=True). */
    public int frames(int samples) {
        return 1 + samples / config.hopLength();
    }

    /**
     * Mel power spectrogram in dB, row-major {@code [nMels][frames]}.
     *
     * @throws IllegalArgumentException if the signal's rate differs from the configured one
     */
    public double[] melDb(AudioSignal signal) {
        if (signal.sampleRate() != config.sampleRate()) {
            throw new IllegalArgumentException("mel front end is configured for " + config.sampleRate()
                    + " Hz but the signal is at " + signal.sampleRate() + " Hz (resample first)");
        }
        return powerToDb(melPower(signal.samples()));
    }

    /**
     * Mel power spectrogram, row-major {@code [nMels][frames]}, before the dB conversion. The frames are real, so two
     * of them go through one complex FFT (frame t as the real part, frame t+1 as the imaginary part) and are separated
     * by the transform's conjugate symmetry: X_t[k] = (Z[k] + conj Z[n−k]) / 2, X_{t+1}[k] = (Z[k] − conj Z[n−k]) / 2i.
     */
    public double[] melPower(float[] samples) {
        int nFft = config.nFft();
        int frames = frames(samples.length);
        int bins = nFft / 2 + 1;
        double[] out = new double[config.nMels() * frames];
        double[] re = new double[nFft];
        double[] im = new double[nFft];
        double[] power0 = new double[bins];
        double[] power1 = new double[bins];
        for (int t = 0; t < frames; t += 2) {
            boolean pair = t + 1 < frames;
            frame(samples, t, re);
            if (pair) {
                frame(samples, t + 1, im);
            } else {
                java.util.Arrays.fill(im, 0.0);
            }
            fft.forward(re, im);
            for (int k = 0; k < bins; k++) {
                int j = (nFft - k) & (nFft - 1);
                double ar = re[k] + re[j];   // 2·Re X_t
                double ai = im[k] - im[j];   // 2·Im X_t
                double br = im[k] + im[j];   // 2·Re X_{t+1}
                double bi = re[j] - re[k];   // 2·Im X_{t+1}
                power0[k] = 0.25 * (ar * ar + ai * ai);
                power1[k] = 0.25 * (br * br + bi * bi);
            }
            applyFilters(power0, out, t, frames);
            if (pair) {
                applyFilters(power1, out, t + 1, frames);
            }
        }
        return out;
    }

    /** Windowed frame {@code t} of the centred, zero-padded signal into {@code dst} (nFft values). */
    private void frame(float[] samples, int t, double[] dst) {
        int nFft = dst.length;
        int start = t * config.hopLength() - nFft / 2; // index into the unpadded signal
        for (int i = 0; i < nFft; i++) {
            int s = start + i;
            dst[i] = (s >= 0 && s < samples.length) ? window[i] * samples[s] : 0.0;
        }
    }

    private void applyFilters(double[] power, double[] out, int t, int frames) {
        for (int m = 0; m < filters.length; m++) {
            double[] f = filters[m];
            int b0 = firstBin[m];
            double acc = 0;
            for (int k = 0; k < f.length; k++) {
                acc += f[k] * power[b0 + k];
            }
            out[m * frames + t] = acc;
        }
    }

    /** librosa's {@code power_to_db(S, ref=np.max, amin, top_db)} in place; returns {@code s}. */
    public double[] powerToDb(double[] s) {
        double amin = config.amin();
        double ref = 0;
        for (double v : s) {
            ref = Math.max(ref, v);
        }
        double refDb = 10.0 * Math.log10(Math.max(amin, ref));
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.length; i++) {
            s[i] = 10.0 * Math.log10(Math.max(amin, s[i])) - refDb;
            max = Math.max(max, s[i]);
        }
        double floor = max - config.topDb();
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.max(s[i], floor);
        }
        return s;
    }

    /** scipy {@code get_window('hamming', winLength, fftbins=True)} centred in nFft zeros (librosa pad_center). */
    static double[] centredHamming(int winLength, int nFft) {
        double[] w = new double[nFft];
        int lpad = (nFft - winLength) / 2;
        for (int i = 0; i < winLength; i++) {
            w[lpad + i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / winLength);
        }
        return w;
    }
}
