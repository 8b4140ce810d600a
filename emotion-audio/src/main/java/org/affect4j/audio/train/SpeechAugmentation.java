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
 *   <li>{@code mixup}: batches mixed pairwise with soft targets ({@link Mixup}).</li>
 * </ul>
 * Every draw derives from the run's seed and the epoch, so a resumed run repeats an uninterrupted one. Immutable.
 */
public record SpeechAugmentation(SpecAugment specAugment, boolean freshNoise, double maxShiftSeconds, Mixup mixup) {

    /** The seed's recipe. */
    public static final SpeechAugmentation SEED = new SpeechAugmentation(SpecAugment.NONE, false, 0, Mixup.NONE);

    public SpeechAugmentation {
        Objects.requireNonNull(specAugment, "specAugment");
        Objects.requireNonNull(mixup, "mixup");
        if (!Double.isFinite(maxShiftSeconds) || maxShiftSeconds < 0 || maxShiftSeconds > 0.5) {
            throw new IllegalArgumentException("maxShiftSeconds must be in 0..0.5 (the seed's window starts at 0.5 s), got "
                    + maxShiftSeconds);
        }
    }

    public SpeechAugmentation withSpecAugment(SpecAugment s) {
        return new SpeechAugmentation(s, freshNoise, maxShiftSeconds, mixup);
    }

    public SpeechAugmentation withFreshNoise(boolean fresh) {
        return new SpeechAugmentation(specAugment, fresh, maxShiftSeconds, mixup);
    }

    public SpeechAugmentation withTimeShift(double seconds) {
        return new SpeechAugmentation(specAugment, freshNoise, seconds, mixup);
    }

    public SpeechAugmentation withMixup(Mixup m) {
        return new SpeechAugmentation(specAugment, freshNoise, maxShiftSeconds, m);
    }

    /** True when the training examples are made afresh every epoch (fresh noise or time shifting). */
    public boolean redrawsEachEpoch() {
        return freshNoise || maxShiftSeconds > 0;
    }

    /** A one-line description for model metadata and logs, e.g. {@code "AWGN x2, SNR 15-30 dB (redrawn every epoch); mixup 0.2"}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("AWGN x2, SNR 15-30 dB" + (redrawsEachEpoch() ? " (redrawn every epoch)" : ""));
        if (maxShiftSeconds > 0) {
            parts.add("window start shifted by up to +-" + maxShiftSeconds + " s");
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
