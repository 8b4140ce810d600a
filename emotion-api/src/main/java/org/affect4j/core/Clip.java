package org.affect4j.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to predict on: a media file ({@link File}) or mono PCM samples already in memory ({@link Pcm}). Immutable
 * (PCM is copied in and out). Create one with {@link #of(Path)} or {@link #ofPcm}; read one by its type:
 *
 * <pre>{@code
 * if (clip instanceof Clip.Pcm p) {
 *     use(p.samples(), p.sampleRate());
 * } else if (clip instanceof Clip.File f) {
 *     decode(f.path());
 * }
 * }</pre>
 */
public sealed interface Clip permits Clip.File, Clip.Pcm {

    /** A media file (WAV for speech; a video container for the video and multimodal detectors). */
    static Clip of(Path file) {
        return new File(file);
    }

    /**
     * Mono PCM samples in [-1, 1] at {@code sampleRate} Hz.
     *
     * @param name a label for results and error messages
     * @throws IllegalArgumentException if the rate is not positive or a sample is not finite
     */
    static Clip ofPcm(float[] samples, int sampleRate, String name) {
        return new Pcm(samples, sampleRate, name);
    }

    /** The clip's label in results and error messages: the file name, or the name given to {@link #ofPcm}. */
    String name();

    /** The media file, or empty for a PCM clip. */
    default Optional<Path> file() {
        return this instanceof File f ? Optional.of(f.path()) : Optional.empty();
    }

    /**
     * A media file.
     *
     * @param path the file
     */
    record File(Path path) implements Clip {
        /** @throws NullPointerException if {@code path} is null */
        public File {
            Objects.requireNonNull(path, "file");
        }

        /** The file's name (the whole path when it has none). */
        @Override
        public String name() {
            return path.getFileName() == null ? path.toString() : path.getFileName().toString();
        }

        @Override
        public String toString() {
            return "Clip[" + path + "]";
        }
    }

    /** Mono PCM samples in memory with their sample rate and a name. Immutable: samples are copied in and out. */
    final class Pcm implements Clip {
        private final float[] samples;
        private final int sampleRate;
        private final String name;

        private Pcm(float[] samples, int sampleRate, String name) {
            Objects.requireNonNull(samples, "samples");
            this.name = Objects.requireNonNull(name, "name");
            if (sampleRate <= 0) {
                throw new IllegalArgumentException(name + ": sample rate must be positive, got " + sampleRate);
            }
            for (int i = 0; i < samples.length; i++) {
                if (!Float.isFinite(samples[i])) {
                    throw new IllegalArgumentException(name + ": PCM samples must be finite, sample " + i + " is " + samples[i]);
                }
            }
            this.samples = samples.clone();
            this.sampleRate = sampleRate;
        }

        /** A copy of the samples. */
        public float[] samples() {
            return samples.clone();
        }

        /** Samples per second. */
        public int sampleRate() {
            return sampleRate;
        }

        /** How many samples the clip holds. */
        public int length() {
            return samples.length;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return "Clip[" + name + ", " + samples.length + " samples @ " + sampleRate + " Hz]";
        }
    }
}
