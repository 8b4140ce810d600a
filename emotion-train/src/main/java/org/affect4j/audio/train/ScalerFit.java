package org.affect4j.audio.train;

/**
 * How the input scaler is fitted on the training examples' log-mel matrices ([mel bins][frames]). Either way the
 * result is an ordinary per-feature scaler, stored with the model and applied at inference unchanged.
 */
public enum ScalerFit {
    /**
     * The seed's {@code StandardScaler}: one mean and deviation per (bin, frame) feature — 72,064 pairs, each from
     * as many values as there are training examples, and tied to the window's position in time.
     */
    PER_FEATURE("StandardScaler on training examples"),
    /**
     * One mean and deviation per mel bin, pooled over all frames of all training examples (beyond the seed): far
     * more values per statistic and the same scaling wherever in the window a sound falls.
     */
    PER_MEL_BIN("per-mel-bin standard scaler on training examples");

    private final String description;

    ScalerFit(String description) {
        this.description = description;
    }

    /** The line recorded in a trained model's recipe. */
    public String description() {
        return description;
    }
}
