package org.affect4j.core.train;

/**
 * What the {@link Trainer} does: epochs, batch size, Adam with L2 weight decay (PyTorch's {@code weight_decay}
 * semantics: the decay term is added to the gradient before Adam), ReduceLROnPlateau on the validation loss, and
 * the seed for shuffling, dropout masks and initial weights. Immutable.
 *
 * @param epochs          epochs to run in total (a resumed run continues up to this number)
 * @param batchSize       examples per step; an epoch's last partial batch is dropped, as in the seed
 * @param learningRate    Adam's initial learning rate
 * @param weightDecay     L2 coefficient (PyTorch {@code weight_decay})
 * @param plateauFactor   ReduceLROnPlateau factor
 * @param plateauPatience epochs without validation-loss improvement before the rate is cut
 * @param minLearningRate floor for the learning rate
 * @param seed            master seed; each epoch derives its own (so a resumed run repeats an uninterrupted one)
 */
public record TrainerConfig(int epochs, int batchSize, double learningRate, double weightDecay,
                            double plateauFactor, int plateauPatience, double minLearningRate, long seed) {

    public TrainerConfig {
        if (epochs < 1 || batchSize < 1 || plateauPatience < 0) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1, patience >= 0");
        }
        if (!(learningRate > 0) || !(weightDecay >= 0) || !(plateauFactor > 0 && plateauFactor < 1) || !(minLearningRate >= 0)) {
            throw new IllegalArgumentException("learning rate > 0, weight decay >= 0, 0 < factor < 1, min rate >= 0");
        }
    }

    /**
     * The recipe of the multimodal seed project: Adam lr 1e-4, weight decay 5e-5, batch 32, ReduceLROnPlateau
     * factor 0.5 patience 1 (PyTorch's defaults otherwise), seed 42.
     */
    public static TrainerConfig seedRecipe(int epochs) {
        return new TrainerConfig(epochs, 32, 1e-4, 5e-5, 0.5, 1, 0, 42);
    }

    public TrainerConfig withEpochs(int n) {
        return new TrainerConfig(n, batchSize, learningRate, weightDecay, plateauFactor, plateauPatience, minLearningRate, seed);
    }

    public TrainerConfig withLearningRate(double lr) {
        return new TrainerConfig(epochs, batchSize, lr, weightDecay, plateauFactor, plateauPatience, minLearningRate, seed);
    }

    public TrainerConfig withBatchSize(int b) {
        return new TrainerConfig(epochs, b, learningRate, weightDecay, plateauFactor, plateauPatience, minLearningRate, seed);
    }

    public TrainerConfig withSeed(long s) {
        return new TrainerConfig(epochs, batchSize, learningRate, weightDecay, plateauFactor, plateauPatience, minLearningRate, s);
    }
}
