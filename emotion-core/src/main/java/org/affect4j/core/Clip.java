package org.affect4j.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to predict on: a media file, or mono PCM samples already in memory with their sample rate. Immutable
 * (PCM is copied in and out).
 */
public final class Clip {
    private final Path file;
    private final float[] pcm;
    private final int sampleRate;
    private final String name;

    private Clip(Path file, float[] pcm, int sampleRate, String name) {
        this.file = file;
        this.pcm = pcm;
        this.sampleRate = sampleRate;
        this.name = name;
    }

    /** A media file (WAV for speech; a video container for the video and multimodal detectors). */
    public static Clip of(Path file) {
        Objects.requireNonNull(file, "file");
        return new Clip(file, null, 0, file.getFileName() == null ? file.toString() : file.getFileName().toString());
    }

    /**
     * Mono PCM samples in [-1, 1] at {@code sampleRate} Hz.
     *
     * @param name a label for results and error messages
     */
    public static Clip ofPcm(float[] samples, int sampleRate, String name) {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        for (float s : samples) {
            if (!Float.isFinite(s)) {
                throw new IllegalArgumentException("PCM samples must be finite");
            }
        }
        return new Clip(null, samples.clone(), sampleRate, Objects.requireNonNull(name, "name"));
    }

    /** The media file, or empty for a PCM clip. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** True for samples in memory ({@link #ofPcm}), false for a file ({@link #of}). */
    public boolean isPcm() {
        return pcm != null;
    }

    /** A copy of the PCM samples. @throws IllegalStateException for a file clip */
    public float[] pcm() {
        if (pcm == null) {
            throw new IllegalStateException("clip " + name + " is a file, not PCM");
        }
        return pcm.clone();
    }

    /** Sample rate of PCM clips (0 for file clips). */
    public int sampleRate() {
        return sampleRate;
    }

    /** The clip's label in results and error messages: the file name, or the name given to {@link #ofPcm}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Clip[" + (file != null ? file : name + ", " + pcm.length + " samples @ " + sampleRate + " Hz") + "]";
    }
}
