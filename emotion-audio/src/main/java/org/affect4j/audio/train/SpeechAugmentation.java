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
 *   <li>{@code mixup}: batches mixed pairwise with soft targets ({@link Mixup}).</li>
 * </ul>
 * Every draw derives from the run's seed and the epoch, so a resumed run repeats an uninterrupted one. Immutable.
 */
public record SpeechAugmentation(SpecAugment specAugment, boolean freshNoise, double maxShiftSeconds, double maxSpeedChange,
                                 Mixup mixup) {

    /** The seed's recipe. */
    public static final SpeechAugmentation SEED = new SpeechAugmentation(SpecAugment.NONE, false, 0, 0, Mixup.NONE);

    public SpeechAugmentation {
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
        return new SpeechAugmentation(s, freshNoise, maxShiftSeconds, maxSpeedChange, mixup);
    }

    public SpeechAugmentation withFreshNoise(boolean fresh) {
        return new SpeechAugmentation(specAugment, fresh, maxShiftSeconds, maxSpeedChange, mixup);
    }

    public SpeechAugmentation withTimeShift(double seconds) {
        return new SpeechAugmentation(specAugment, freshNoise, seconds, maxSpeedChange, mixup);
    }

    public SpeechAugmentation withMixup(Mixup m) {
        return new SpeechAugmentation(specAugment, freshNoise, maxShiftSeconds, maxSpeedChange, m);
    }

    public SpeechAugmentation withSpeedPerturbation(double maxChange) {
        return new SpeechAugmentation(specAugment, freshNoise, maxShiftSeconds, maxChange, mixup);
    }

    /** True when the training examples are made afresh every epoch (fresh noise, time shifting or speed perturbation). */
    public boolean redrawsEachEpoch() {
        return freshNoise || maxShiftSeconds > 0 || maxSpeedChange > 0;
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
        if (!specAugment.isNone()) {
            parts.add("SpecAugment " + specAugment);
        }
        if (!mixup.isNone()) {
            parts.add("mixup alpha " + mixup.alpha());
        }
        return String.join("; ", parts);
    }
}
