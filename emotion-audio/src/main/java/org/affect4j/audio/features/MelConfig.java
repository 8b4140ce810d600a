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
}
