package org.affect4j.audio.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.affect4j.audio.features.SpecAugment;
import org.affect4j.core.train.Mixup;

/**
 * The training-data augmentations of a speech run. {@link #SEED} is the seed's recipe: two AWGN copies per clip
 * (SNR 15–30 dB) drawn once, the fixed window at 0.5 s, nothing else. Everything else is beyond the seed and off
 * unless asked for:
 * <ul>
 *   <li>{@code specAugment}: frequency and time masks on each training example ({@link SpecAugment});</li>
 *   <li>{@code freshNoise}: the AWGN copies redrawn every epoch ({@link SpeechCorpus#scaledWithFreshNoise});</li>
 *   <li>{@code maxShiftSeconds}: the window's start moved by up to ± this many seconds, drawn per clip and epoch
 *       ({@link SpeechCorpus#scaledForEpoch}; implies fresh noise, since the copies are made from the window);</li>
 *   <li>{@code maxSpeedChange}: each clip played faster or slower by a factor drawn from 1 ± this (speed
 *       perturbation: tempo and pitch change together), per clip and epoch, before the window is cut (implies
 *       fresh noise);</li>
 *   <li>{@code mixup}: batches mixed pairwise with soft targets ({@link Mixup});</li>
 *   <li>{@code telephoneProbability}: with this probability per clip and epoch the clip is put through the telephone
 *       channel ({@link org.affect4j.audio.io.Degradations#telephone}: 8 kHz, 300–3400 Hz) before the window is cut
 *       (implies fresh noise);</li>
 *   <li>{@code cutProbability}: with this probability per clip and epoch only the first L seconds of the window are
 *       kept (L uniform in {@value #MIN_CUT_SECONDS} s .. the window), the rest zero, as a short clip is padded
 *       (implies fresh noise).</li>
 * </ul>
 * Every draw derives from the run's seed and the epoch, so a resumed run repeats an uninterrupted one. Immutable.
 */
public record SpeechAugmentation(SpecAugment specAugment, boolean freshNoise, double maxShiftSeconds, double maxSpeedChange,
                                 Mixup mixup, double telephoneProbability, double cutProbability) {

    /** The seed's recipe. */
    public static final SpeechAugmentation SEED = new SpeechAugmentation(SpecAugment.NONE, false, 0, 0, Mixup.NONE);

    /** Shortest window kept by the cut augmentation, in seconds. */
    public static final double MIN_CUT_SECONDS = 1.0;

    /** Without channel or cut augmentation. */
    public SpeechAugmentation(SpecAugment specAugment, boolean freshNoise, double maxShiftSeconds, double maxSpeedChange, Mixup mixup) {
        this(specAugment, freshNoise, maxShiftSeconds, maxSpeedChange, mixup, 0, 0);
    }

    public SpeechAugmentation {
        for (double p : new double[] {telephoneProbability, cutProbability}) {
            if (!Double.isFinite(p) || p < 0 || p > 1) {
                throw new IllegalArgumentException("augmentation probabilities must be in 0..1, got " + p);
            }
        }
        Objects.requireNonNull(specAugment, "specAugment");
        Objects.requireNonNull(mixup, "mixup");
        if (!Double.isFinite(maxShiftSeconds) || maxShiftSeconds < 0 || maxShiftSeconds > 0.5) {
            throw new IllegalArgumentException("maxShiftSeconds must be in 0..0.5 (the seed's window starts at 0.5 s), got "
                    + maxShiftSeconds);
        }
        if (!Double.isFinite(maxSpeedChange) || maxSpeedChange < 0 || maxSpeedChange > 0.3) {
            throw new IllegalArgumentException("maxSpeedChange must be in 0..0.3, got " + maxSpeedChange);
        }
    }

    public SpeechAugmentation withSpecAugment(SpecAugment s) {
        return new SpeechAugmentation(s, freshNoise, maxShiftSeconds, maxSpeedChange, mixup, telephoneProbability, cutProbability);
    }

    public SpeechAugmentation withFreshNoise(boolean fresh) {
        return new SpeechAugmentation(specAugment, fresh, maxShiftSeconds, maxSpeedChange, mixup, telephoneProbability, cutProbability);
    }

    public SpeechAugmentation withTimeShift(double seconds) {
        return new SpeechAugmentation(specAugment, freshNoise, seconds, maxSpeedChange, mixup, telephoneProbability, cutProbability);
    }

    public SpeechAugmentation withMixup(Mixup m) {
        return new SpeechAugmentation(specAugment, freshNoise, maxShiftSeconds, maxSpeedChange, m, telephoneProbability, cutProbability);
    }

    public SpeechAugmentation withSpeedPerturbation(double maxChange) {
        return new SpeechAugmentation(specAugment, freshNoise, maxShiftSeconds, maxChange, mixup, telephoneProbability, cutProbability);
    }

    /** With the telephone channel applied to a clip with probability {@code p} per epoch. */
    public SpeechAugmentation withTelephone(double p) {
        return new SpeechAugmentation(specAugment, freshNoise, maxShiftSeconds, maxSpeedChange, mixup, p, cutProbability);
    }

    /** With the window cut short (first 1 s .. window kept, rest zero) with probability {@code p} per clip and epoch. */
    public SpeechAugmentation withCut(double p) {
        return new SpeechAugmentation(specAugment, freshNoise, maxShiftSeconds, maxSpeedChange, mixup, telephoneProbability, p);
    }

    /**
     * True when the training examples are made afresh every epoch (fresh noise, time shifting, speed perturbation,
     * telephone channel or cut).
     */
    public boolean redrawsEachEpoch() {
        return freshNoise || maxShiftSeconds > 0 || maxSpeedChange > 0 || telephoneProbability > 0 || cutProbability > 0;
    }

    /** True when a clip's window differs from the loaded one in an epoch (anything but fresh noise). */
    boolean changesWindow() {
        return maxShiftSeconds > 0 || maxSpeedChange > 0 || telephoneProbability > 0 || cutProbability > 0;
    }

    /** A one-line description for model metadata and logs, e.g. {@code "AWGN x2, SNR 15-30 dB (redrawn every epoch); mixup 0.2"}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("AWGN x2, SNR 15-30 dB" + (redrawsEachEpoch() ? " (redrawn every epoch)" : ""));
        if (maxShiftSeconds > 0) {
            parts.add("window start shifted by up to +-" + maxShiftSeconds + " s");
        }
        if (maxSpeedChange > 0) {
            parts.add("speed x[" + (1 - maxSpeedChange) + ", " + (1 + maxSpeedChange) + "]");
        }
        if (telephoneProbability > 0) {
            parts.add("telephone channel (8 kHz, 300-3400 Hz) with p " + telephoneProbability);
        }
        if (cutProbability > 0) {
            parts.add("window cut to " + MIN_CUT_SECONDS + " s..full with p " + cutProbability);
        }
        if (!specAugment.isNone()) {
            parts.add("SpecAugment " + specAugment);
        }
        if (!mixup.isNone()) {
            parts.add("mixup alpha " + mixup.alpha());
        }
        return String.join("; ", parts);
    }
}
