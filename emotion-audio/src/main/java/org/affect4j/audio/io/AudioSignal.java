package org.affect4j.audio.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Mono audio samples (float, nominally in [-1, 1]) at a sample rate, with the file they came from (nullable).
 * Immutable: the sample array is never exposed.
 */
public final class AudioSignal {
    private final float[] samples;
    private final int sampleRate;
    private final Path source;

    public AudioSignal(float[] samples, int sampleRate, Path source) {
        this(Objects.requireNonNull(samples, "samples").clone(), sampleRate, source, true);
    }

    private AudioSignal(float[] owned, int sampleRate, Path source, boolean validated) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.samples = owned;
        this.sampleRate = sampleRate;
        this.source = source;
    }

    /** Takes ownership of {@code samples} without copying (for decoders and resamplers of this package). */
    static AudioSignal wrap(float[] samples, int sampleRate, Path source) {
        return new AudioSignal(samples, sampleRate, source, true);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int length() {
        return samples.length;
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** The file these samples were decoded from, or null. */
    public Path source() {
        return source;
    }

    public float sample(int i) {
        return samples[i];
    }

    /** A copy of the samples. */
    public float[] samples() {
        return samples.clone();
    }

    /**
     * The samples from {@code offsetSeconds} for {@code durationSeconds}, cut as librosa 0.9.1's {@code load}
     * does: start = round(rate × offset), length = round(rate × duration), shorter if the signal ends first.
     */
    public AudioSignal slice(double offsetSeconds, double durationSeconds) {
        if (offsetSeconds < 0 || durationSeconds < 0) {
            throw new IllegalArgumentException("offset and duration must be non-negative");
        }
        long start = Math.round(sampleRate * offsetSeconds);
        long len = Math.round(sampleRate * durationSeconds);
        int from = (int) Math.min(start, samples.length);
        int to = (int) Math.min((long) samples.length, start + len);
        return wrap(java.util.Arrays.copyOfRange(samples, from, to), sampleRate, source);
    }

    @Override
    public String toString() {
        return "AudioSignal[" + samples.length + " samples @ " + sampleRate + " Hz" + (source == null ? "" : ", " + source) + "]";
    }
}
