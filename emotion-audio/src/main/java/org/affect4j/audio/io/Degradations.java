package org.affect4j.audio.io;

import java.util.Locale;
import java.util.Objects;

/**
 * The ways users' audio differs from the 48 kHz studio recordings the speech models were trained on, applied in code so
 * that a measurement can be repeated exactly: resampling to a lower rate (the band above the new Nyquist frequency is
 * gone), telephone band (8 kHz, 300–3400 Hz), gain, peak normalisation and short clips. Each returns a new signal;
 * samples are clipped to [-1, 1] where a gain could push them out. Stateless and thread-safe.
 */
public final class Degradations {

    /** A named degradation, as {@code affect4j degrade --condition} takes it. */
    public enum Condition {
        /** The file as it is. */
        ORIGINAL("original"),
        /** Resampled to 22.05 kHz (content above 10.5 kHz removed by the resampler's anti-alias filter). */
        RATE_22050("22k"),
        /** Resampled to 16 kHz, the rate of most speech pipelines and microphones' voice modes. */
        RATE_16000("16k"),
        /** Telephone band: 8 kHz, band-passed to 300–3400 Hz. */
        TELEPHONE("telephone"),
        /** 20 dB quieter. */
        GAIN_MINUS_20_DB("gain-20db"),
        /** Peak-normalised to 0 dBFS (as many recording tools and pipelines do). */
        PEAK_0_DBFS("peak-0dbfs"),
        /** The first 1.5 s only. */
        CUT_1_5_S("cut-1.5s"),
        /** The first 2 s only. */
        CUT_2_S("cut-2s");

        private final String id;

        Condition(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public AudioSignal apply(AudioSignal s) {
            return switch (this) {
                case ORIGINAL -> s;
                case RATE_22050 -> resample(s, 22_050);
                case RATE_16000 -> resample(s, 16_000);
                case TELEPHONE -> telephone(s);
                case GAIN_MINUS_20_DB -> gainDb(s, -20);
                case PEAK_0_DBFS -> peakNormalise(s, 0);
                case CUT_1_5_S -> cut(s, 1.5);
                case CUT_2_S -> cut(s, 2.0);
            };
        }

        /** @throws IllegalArgumentException naming the known conditions */
        public static Condition byId(String id) {
            for (Condition c : values()) {
                if (c.id.equals(id)) {
                    return c;
                }
            }
            StringBuilder known = new StringBuilder();
            for (Condition c : values()) {
                known.append(known.length() == 0 ? "" : ", ").append(c.id);
            }
            throw new IllegalArgumentException("unknown condition '" + id + "'; known: " + known);
        }
    }

    private Degradations() {
    }

    /** Band-limited resampling to {@code rate} ({@link Resampler}). */
    public static AudioSignal resample(AudioSignal s, int rate) {
        return Resampler.resample(Objects.requireNonNull(s, "signal"), rate);
    }

    /**
     * Telephone band: resampled to 8 kHz, then 4th-order Butterworth high-pass at 300 Hz and low-pass at 3400 Hz (each
     * two cascaded biquads, Q 0.5412 and 1.3066), applied forward once (causal, as a phone line is).
     */
    public static AudioSignal telephone(AudioSignal s) {
        AudioSignal narrow = resample(s, 8000);
        float[] x = narrow.samples();
        for (double q : new double[] {0.5412, 1.3066}) {
            biquad(x, 8000, 300, q, true);
            biquad(x, 8000, 3400, q, false);
        }
        return AudioSignal.wrap(clip(x), 8000, s.source());
    }

    /** RBJ cookbook high- or low-pass biquad, in place, direct form I in double precision. */
    private static void biquad(float[] x, double rate, double f0, double q, boolean highPass) {
        double w = 2 * Math.PI * f0 / rate;
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / (2 * q);
        double b0 = highPass ? (1 + cos) / 2 : (1 - cos) / 2;
        double b1 = highPass ? -(1 + cos) : 1 - cos;
        double b2 = b0;
        double a0 = 1 + alpha;
        double a1 = -2 * cos;
        double a2 = 1 - alpha;
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double y = (b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = y;
            x[i] = (float) y;
        }
    }

    /** Multiplies by 10^(dB/20), clipped to [-1, 1]. */
    public static AudioSignal gainDb(AudioSignal s, double db) {
        if (!Double.isFinite(db)) {
            throw new IllegalArgumentException("gain must be finite, got " + db);
        }
        float g = (float) Math.pow(10, db / 20);
        float[] x = s.samples();
        for (int i = 0; i < x.length; i++) {
            x[i] *= g;
        }
        return AudioSignal.wrap(clip(x), s.sampleRate(), s.source());
    }

    /**
     * Scaled so that the largest absolute sample is {@code dbfs} dB below full scale (0 = touching ±1).
     *
     * @throws IllegalArgumentException for a silent signal (nothing to normalise) or {@code dbfs > 0}
     */
    public static AudioSignal peakNormalise(AudioSignal s, double dbfs) {
        if (!(dbfs <= 0)) {
            throw new IllegalArgumentException("peak level must be <= 0 dBFS, got " + dbfs);
        }
        float peak = 0;
        for (int i = 0; i < s.length(); i++) {
            peak = Math.max(peak, Math.abs(s.sample(i)));
        }
        if (peak == 0) {
            throw new IllegalArgumentException("cannot peak-normalise a silent signal" + (s.source() == null ? "" : " (" + s.source() + ")"));
        }
        return gainDb(s, dbfs - 20 * Math.log10(peak));
    }

    /** The first {@code seconds} (the whole signal when it is shorter). */
    public static AudioSignal cut(AudioSignal s, double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("cut length must be > 0 s, got " + seconds);
        }
        int n = (int) Math.min(s.length(), Math.round(seconds * s.sampleRate()));
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = s.sample(i);
        }
        return AudioSignal.wrap(x, s.sampleRate(), s.source());
    }

    private static float[] clip(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-1f, Math.min(1f, x[i]));
        }
        return x;
    }

    /** "telephone (8 kHz, 300-3400 Hz)" etc., for reports. */
    public static String describe(Condition c) {
        return switch (c) {
            case ORIGINAL -> "original (48 kHz)";
            case RATE_22050 -> "resampled to 22.05 kHz";
            case RATE_16000 -> "resampled to 16 kHz";
            case TELEPHONE -> "telephone band (8 kHz, 300-3400 Hz)";
            case GAIN_MINUS_20_DB -> "gain -20 dB";
            case PEAK_0_DBFS -> "peak-normalised to 0 dBFS";
            case CUT_1_5_S -> String.format(Locale.ROOT, "first %.1f s", 1.5);
            case CUT_2_S -> String.format(Locale.ROOT, "first %.1f s", 2.0);
        };
    }
}
