package org.affect4j.core.train;

import java.util.List;
import java.util.Map;
import org.affect4j.core.checkpoint.ModelArchive;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * One network's side of training, so that a single {@link Trainer} drives speech, video and fusion: the training
 * graph, the examples, what happens between epochs, validation and export. Implementations are not thread-safe.
 */
public interface TrainingTask {

    /** The training graph: trainable parameters as variables, placeholders for {@link #inputName()} and {@link #labelName()}. */
    SameDiff graph();

    /** The names of {@link #graph()}'s input and label placeholders, its scalar loss and its logits. */
    GraphNames names();

    /**
     * What a training graph's variables are called: the input and (one-hot) label placeholders, the scalar loss (mean
     * cross-entropy) and the logits (for training accuracy).
     */
    record GraphNames(String input, String labels, String loss, String logits) {
        public GraphNames {
            java.util.Objects.requireNonNull(input, "input");
            java.util.Objects.requireNonNull(labels, "labels");
            java.util.Objects.requireNonNull(loss, "loss");
            java.util.Objects.requireNonNull(logits, "logits");
        }
    }

    default String inputName() {
        return names().input();
    }

    default String labelName() {
        return names().labels();
    }

    /** The scalar loss variable (mean cross-entropy). */
    default String lossName() {
        return names().loss();
    }

    /** The logits variable (for training accuracy). */
    default String logitsName() {
        return names().logits();
    }

    /** Examples in one epoch. */
    int size();

    /** Features and one-hot labels of the examples at {@code indices} (a batch of the trainer's batch size). */
    DataSet batch(int[] indices);

    /**
     * Every placeholder a batch feeds, in the order of {@link #multiBatch}'s features. Default: {@link #inputName()}
     * alone; a graph with several inputs (e.g. speech and face features) overrides this and {@link #multiBatch}.
     */
    default List<String> inputNames() {
        return List.of(inputName());
    }

    /**
     * The batch the {@link Trainer} feeds: features in {@link #inputNames()} order and one-hot labels. Default:
     * {@link #batch(int[])} as the only feature.
     */
    default MultiDataSet multiBatch(int[] indices) {
        DataSet d = batch(indices);
        return new org.nd4j.linalg.dataset.MultiDataSet(d.getFeatures(), d.getLabels());
    }

    /**
     * Called before each epoch's steps, with the epoch's seed (the same seed on a resumed run): e.g. seeding data
     * augmentation so that a resumed run repeats an uninterrupted one.
     */
    default void beginEpoch(long epochSeed) {
    }

    /**
     * Called after each epoch's steps, with the epoch's seed: e.g. re-estimating batch-norm statistics from
     * training batches.
     */
    default void endEpoch(long epochSeed) {
    }

    /** Loss and accuracy on the model-selection examples, with the network in inference mode. */
    Score validate();

    /** The batch-norm running statistics the task re-estimates between epochs, or null when its graph has none. */
    default RunningStatistics runningStatistics() {
        return null;
    }

    /** State beyond the graph's variables that a checkpoint must keep. Default: the {@link #runningStatistics()}, if any. */
    default Map<String, ModelArchive.Tensor> extraState() {
        RunningStatistics r = runningStatistics();
        return r == null ? Map.of() : r.state();
    }

    /** Restores {@link #extraState()}. Default: into the {@link #runningStatistics()}, if any. */
    default void restoreExtraState(Map<String, ModelArchive.Tensor> state) {
        RunningStatistics r = runningStatistics();
        if (r != null) {
            r.restore(state);
        }
    }

    /**
     * What defines this run besides the trainer's settings (data, augmentation, …) as short printable values. The
     * {@link Trainer} stores it in every checkpoint and refuses to resume one made with other values, so that
     * resuming with other options fails instead of silently mixing two runs. Default: nothing.
     */
    default Map<String, Object> runIdentity() {
        return Map.of();
    }

    /** The deployable model (our own format) from the current weights. */
    ModelArchive export(Map<String, Object> provenance);

    /** Mean loss and accuracy of an evaluation. */
    record Score(double loss, double accuracy) {
    }
}
