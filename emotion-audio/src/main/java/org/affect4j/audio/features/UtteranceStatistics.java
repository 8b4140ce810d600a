package org.affect4j.audio.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * The utterance front end (beyond the seed): one fixed-length vector of statistics that describes how a whole
 * utterance sounds, whatever its length, sample rate or level. Input: the window at 8 kHz and its log-mel
 * spectrogram from {@link MelConfig#utterance()} (40 bands over the telephone band 300–3400 Hz, 25 ms frames every
 * 10 ms, in dB relative to the loudest bin, floored at −80 dB). Only the speech-active frames (frame maximum within
 * {@value #ACTIVE_RANGE_DB} dB of the loudest frame) count, so zero padding and pauses do not.
 *
 * <p>The {@value #SIZE} values, in this order:
 * <ol>
 *   <li>40 band means, each minus the mean over all bands (spectral tilt and formant shape, not level);</li>
 *   <li>40 band standard deviations;</li>
 *   <li>20 cepstral coefficients (DCT-II of the 40 log-mel bands): mean, standard deviation, standard deviation of
 *       their frame-to-frame change (central differences), 10th and 90th percentile (5 × 20 = 100);</li>
 *   <li>9 prosodic values: log2 pitch mean, standard deviation, 10th and 90th percentile over voiced frames (pitch by
 *       normalised autocorrelation over 50 ms frames, 60–400 Hz, voiced when the peak is above
 *       {@value #VOICING_THRESHOLD}); voiced fraction of all frames; active fraction; standard deviation and 10–90
 *       percentile range of the active frames' maxima (dB); mean absolute frame-to-frame pitch change (octaves).</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class UtteranceStatistics {

    /** Number of values per utterance. */
    public static final int SIZE = 189;
    /** Cepstral coefficients kept. */
    public static final int CEPSTRA = 20;
    /** Frames within this many dB of the loudest frame are speech-active. */
    public static final double ACTIVE_RANGE_DB = 35.0;
    /** Normalised autocorrelation peak above which a frame is voiced. */
    public static final double VOICING_THRESHOLD = 0.5;
    /** Pitch analysis frame (samples at 8 kHz: 50 ms). */
    static final int PITCH_FRAME = 400;
    static final double MIN_PITCH_HZ = 60;
    static final double MAX_PITCH_HZ = 400;

    private final MelConfig config;
    private final double[][] dct;

    public UtteranceStatistics(MelConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        int bands = config.nMels();
        if (bands < CEPSTRA) {
            throw new IllegalArgumentException("the utterance front end needs at least " + CEPSTRA + " mel bands, got " + bands);
        }
        dct = new double[CEPSTRA][bands];
        for (int k = 0; k < CEPSTRA; k++) {
            for (int b = 0; b < bands; b++) {
                dct[k][b] = Math.cos(Math.PI / bands * k * (b + 0.5));
            }
        }
    }

    /** Number of values {@link #of} returns. */
    public int size() {
        return 2 * config.nMels() + 5 * CEPSTRA + 9;
    }

    /**
     * The statistics of one window.
     *
     * @param melDb  log-mel of the window, row-major [nMels][frames], dB relative to its maximum
     * @param window the window's samples at the front end's rate
     */
    public double[] of(double[] melDb, float[] window) {
        Objects.requireNonNull(melDb, "melDb");
        Objects.requireNonNull(window, "window");
        int bands = config.nMels();
        if (melDb.length == 0 || melDb.length % bands != 0) {
            throw new IllegalArgumentException("log-mel has " + melDb.length + " values, not a multiple of " + bands + " bands");
        }
        int frames = melDb.length / bands;
        double[] frameMax = new double[frames];
        Arrays.fill(frameMax, Double.NEGATIVE_INFINITY);
        for (int b = 0; b < bands; b++) {
            for (int t = 0; t < frames; t++) {
                frameMax[t] = Math.max(frameMax[t], melDb[b * frames + t]);
            }
        }
        double loudest = Arrays.stream(frameMax).max().orElse(0);
        int[] active = activeFrames(frameMax, loudest);
        int n = active.length;

        double[] out = new double[size()];
        int at = 0;
        // band means relative to the mean band, and band standard deviations
        double[] bandMean = new double[bands];
        double[] bandStd = new double[bands];
        double overall = 0;
        for (int b = 0; b < bands; b++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = melDb[b * frames + active[i]];
            }
            bandMean[b] = mean(v);
            bandStd[b] = std(v, bandMean[b]);
            overall += bandMean[b];
        }
        overall /= bands;
        for (int b = 0; b < bands; b++) {
            out[at++] = bandMean[b] - overall;
        }
        for (int b = 0; b < bands; b++) {
            out[at++] = bandStd[b];
        }
        // cepstra of every frame, their change (central differences over all frames), then statistics over active frames
        double[][] cep = new double[CEPSTRA][frames];
        for (int k = 0; k < CEPSTRA; k++) {
            for (int t = 0; t < frames; t++) {
                double s = 0;
                for (int b = 0; b < bands; b++) {
                    s += dct[k][b] * melDb[b * frames + t];
                }
                cep[k][t] = s;
            }
        }
        double[][] perStat = new double[5][CEPSTRA];
        for (int k = 0; k < CEPSTRA; k++) {
            double[] v = new double[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                int t = active[i];
                v[i] = cep[k][t];
                d[i] = gradient(cep[k], t);
            }
            double m = mean(v);
            perStat[0][k] = m;
            perStat[1][k] = std(v, m);
            perStat[2][k] = std(d, mean(d));
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            perStat[3][k] = percentile(sorted, 10);
            perStat[4][k] = percentile(sorted, 90);
        }
        for (double[] row : perStat) {
            for (double v : row) {
                out[at++] = v;
            }
        }
        // prosody
        double[] pitch = pitchTrack(window, config.sampleRate(), config.hopLength());
        int voicedCount = 0;
        for (double p : pitch) {
            if (!Double.isNaN(p)) {
                voicedCount++;
            }
        }
        double[] voiced = new double[voicedCount];
        int vi = 0;
        for (double p : pitch) {
            if (!Double.isNaN(p)) {
                voiced[vi++] = p;
            }
        }
        if (voiced.length < 4) {
            voiced = new double[] {DEFAULT_LOG2_PITCH, DEFAULT_LOG2_PITCH, DEFAULT_LOG2_PITCH, DEFAULT_LOG2_PITCH};
        }
        double pm = mean(voiced);
        double[] ps = voiced.clone();
        Arrays.sort(ps);
        double[] level = new double[n];
        for (int i = 0; i < n; i++) {
            level[i] = frameMax[active[i]];
        }
        double[] ls = level.clone();
        Arrays.sort(ls);
        double jump = 0;
        for (int i = 1; i < voiced.length; i++) {
            jump += Math.abs(voiced[i] - voiced[i - 1]);
        }
        out[at++] = pm;
        out[at++] = std(voiced, pm);
        out[at++] = percentile(ps, 10);
        out[at++] = percentile(ps, 90);
        out[at++] = pitch.length == 0 ? 0 : voicedCount / (double) pitch.length;
        out[at++] = n / (double) frames;
        out[at++] = std(level, mean(level));
        out[at++] = percentile(ls, 90) - percentile(ls, 10);
        out[at++] = voiced.length > 1 ? jump / (voiced.length - 1) : 0;
        return out;
    }

    /** log2(150 Hz): the pitch statistics of a clip with fewer than four voiced frames. */
    static final double DEFAULT_LOG2_PITCH = Math.log(150) / Math.log(2);

    /** Indices of the frames within {@value #ACTIVE_RANGE_DB} dB of the loudest (all frames if fewer than 5 are). */
    private static int[] activeFrames(double[] frameMax, double loudest) {
        int count = 0;
        for (double v : frameMax) {
            if (v > loudest - ACTIVE_RANGE_DB) {
                count++;
            }
        }
        if (count < 5) {
            int[] all = new int[frameMax.length];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] idx = new int[count];
        int j = 0;
        for (int t = 0; t < frameMax.length; t++) {
            if (frameMax[t] > loudest - ACTIVE_RANGE_DB) {
                idx[j++] = t;
            }
        }
        return idx;
    }

    /**
     * log2 pitch (Hz) of each analysis frame, NaN where unvoiced: frames of {@value #PITCH_FRAME} samples every
     * {@code hop}, mean removed, autocorrelation normalised by lag 0; the best lag between the rates of 400 and 60 Hz.
     */
    static double[] pitchTrack(float[] window, int rate, int hop) {
        int frame = PITCH_FRAME;
        if (window.length < frame) {
            return new double[0];
        }
        int frames = 1 + (window.length - frame) / hop;
        int lo = (int) (rate / MAX_PITCH_HZ);
        int hi = (int) (rate / MIN_PITCH_HZ);
        double[] out = new double[frames];
        double[] x = new double[frame];
        for (int f = 0; f < frames; f++) {
            int start = f * hop;
            double m = 0;
            for (int i = 0; i < frame; i++) {
                x[i] = window[start + i];
                m += x[i];
            }
            m /= frame;
            double r0 = 0;
            for (int i = 0; i < frame; i++) {
                x[i] -= m;
                r0 += x[i] * x[i];
            }
            out[f] = Double.NaN;
            if (r0 <= 1e-12) {
                continue;
            }
            double best = Double.NEGATIVE_INFINITY;
            int bestLag = lo;
            for (int lag = lo; lag < hi && lag < frame; lag++) {
                double r = 0;
                for (int i = 0; i + lag < frame; i++) {
                    r += x[i] * x[i + lag];
                }
                if (r > best) {
                    best = r;
                    bestLag = lag;
                }
            }
            if (best / r0 > VOICING_THRESHOLD) {
                out[f] = Math.log((double) rate / bestLag) / Math.log(2);
            }
        }
        return out;
    }

    private static double gradient(double[] v, int t) {
        if (v.length < 2) {
            return 0;
        }
        if (t == 0) {
            return v[1] - v[0];
        }
        if (t == v.length - 1) {
            return v[t] - v[t - 1];
        }
        return (v[t + 1] - v[t - 1]) / 2;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double std(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return v.length == 0 ? 0 : Math.sqrt(s / v.length);
    }

    /** Linear-interpolation percentile (NumPy's default) of sorted values. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double pos = q / 100.0 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
