package org.affect4j.core.train;

/** Progress callbacks of the {@link Trainer} (e.g. a console progress bar); all methods default to no-ops. */
public interface TrainingListener {

    /** Before an epoch's first step (and before its per-epoch data preparation), e.g. to start a progress bar's clock. */
    default void epochStarted(int epoch, int steps) {
    }

    /** After each step: running mean loss and accuracy of the epoch so far, and the estimated seconds left in it. */
    default void step(int epoch, int step, int steps, double meanLoss, double meanAccuracy, double etaSeconds) {
    }

    /** After each epoch's validation. */
    default void epoch(EpochRecord record) {
    }

    default void resumed(int nextEpoch) {
    }
}
