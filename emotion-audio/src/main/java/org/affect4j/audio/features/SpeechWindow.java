package org.affect4j.audio.features;

/**
 * The part of a clip a speech network analyses: {@code seconds} long from {@code offsetSeconds}, at the front end's
 * {@code sampleRate}. Written once, by the model archive from what the model was trained on
 * ({@code SpeechModelArchive}), and read from there by the input pipeline ({@link SpeechInput#window()}), the detector
 * and its timeline. Immutable.
 *
 * @param offsetSeconds where the window starts in the clip (≥ 0)
 * @param seconds       its length (&gt; 0); shorter audio is zero-padded to it
 * @param sampleRate    the rate the window is analysed at (Hz), the mel front end's
 */
public record SpeechWindow(double offsetSeconds, double seconds, int sampleRate) {

    /** The seed's window: 3 s from 0.5 s at 48 kHz (563 mel frames). */
    public static final SpeechWindow SEED = new SpeechWindow(0.5, 3.0, 48_000);

    /** @throws IllegalArgumentException for a negative or non-finite offset, a non-positive length or rate */
    public SpeechWindow {
        if (!(offsetSeconds >= 0) || !Double.isFinite(offsetSeconds) || !(seconds > 0) || !Double.isFinite(seconds) || sampleRate <= 0) {
            throw new IllegalArgumentException("a speech window needs offset >= 0, length > 0 and a positive rate, got "
                    + seconds + " s from " + offsetSeconds + " s at " + sampleRate + " Hz");
        }
    }

    /** Samples in the window at {@link #sampleRate()}. */
    public int samples() {
        return (int) Math.round(seconds * sampleRate);
    }

    /** The same window analysed at {@code rate} Hz. */
    public SpeechWindow withRate(int rate) {
        return new SpeechWindow(offsetSeconds, seconds, rate);
    }

    /** The same window starting at {@code seconds}. */
    public SpeechWindow withOffset(double seconds) {
        return new SpeechWindow(seconds, this.seconds, sampleRate);
    }
}
