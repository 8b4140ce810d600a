package org.affect4j.audio.features;

/**
 * Parameters of the mel front end. {@link #seed()} holds the seed project's values; anything else is an explicit
 * choice of the caller.
 */
public record MelConfig(int sampleRate, int nFft, int winLength, int hopLength, int nMels, double fMin, double fMax,
                        double amin, double topDb) {

    public MelConfig {
        if (sampleRate <= 0 || nFft <= 0 || winLength <= 0 || winLength > nFft || hopLength <= 0 || nMels <= 0) {
            throw new IllegalArgumentException("invalid mel configuration " + this);
        }
        if (fMin < 0 || fMax <= fMin || fMax > sampleRate / 2.0 || amin <= 0 || topDb <= 0) {
            throw new IllegalArgumentException("invalid mel frequency range or dB parameters " + this);
        }
    }

    /** 48 kHz, n_fft 1024, Hamming window 512, hop 256, 128 mels from 0 Hz to 24 kHz, amin 1e-10, top_db 80. */
    public static MelConfig seed() {
        return new MelConfig(48_000, 1024, 512, 256, 128, 0.0, 24_000.0, 1e-10, 80.0);
    }

    /**
     * Beyond the seed: the telephone band only. 128 mels from 300 Hz to 3400 Hz, so that 48 kHz, 22.05 kHz, 16 kHz
     * and 8 kHz telephone audio give the same features (everything outside the band is left out instead of being
     * learnt from studio recordings); a 2048-sample (42.7 ms) Hamming window in an n_fft of 4096, so that the narrow
     * low-frequency mel filters still cover FFT bins and voice harmonics are resolved. Same rate (48 kHz), hop (256)
     * and therefore the same 128 × 563 input as the seed, so the seed's network runs on it unchanged.
     */
    public static MelConfig telephoneBand() {
        return new MelConfig(48_000, 4096, 2048, 256, 128, 300.0, 3400.0, 1e-10, 80.0);
    }

    /**
     * Beyond the seed: the utterance front end's log-mel ({@link UtteranceStatistics}): 8 kHz, 40 mels over the
     * telephone band 300–3400 Hz, 25 ms Hamming window (200 samples) in an n_fft of 256, hop 10 ms (80 samples) — the
     * same features from 48 kHz studio audio, 16 kHz audio and an 8 kHz telephone channel.
     */
    public static MelConfig utterance() {
        return new MelConfig(8_000, 256, 200, 80, 40, 300.0, 3400.0, 1e-10, 80.0);
    }

    /** The name a model archive stores for this configuration: {@code seed}, {@code telephone-band}, {@code utterance-8k}, or null for any other. */
    public String name() {
        if (equals(seed())) {
            return "seed";
        }
        if (equals(utterance())) {
            return "utterance-8k";
        }
        return equals(telephoneBand()) ? "telephone-band" : null;
    }

    /**
     * The configuration a model archive names ({@link #name()}).
     *
     * @throws IllegalArgumentException naming the known front ends otherwise
     */
    public static MelConfig byName(String name) {
        return switch (String.valueOf(name)) {
            case "seed" -> seed();
            case "telephone-band" -> telephoneBand();
            case "utterance-8k" -> utterance();
            default -> throw new IllegalArgumentException("unknown mel front end '" + name + "' (known: seed, telephone-band, utterance-8k)");
        };
    }
}
