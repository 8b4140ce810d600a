package org.affect4j.audio.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.affect4j.audio.SpeechModelArchive;
import org.affect4j.audio.features.SpecAugment;
import org.affect4j.audio.features.SpeechWindow;
import org.affect4j.audio.net.SpeechNet;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.train.ArrayTrainingTask;
import org.affect4j.core.nn.Logits;
import org.affect4j.core.train.Mixup;
import org.affect4j.core.train.RunningStatistics;
import org.affect4j.core.train.TrainingTask;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The speech network as a {@link TrainingTask}: scaled mel examples in memory, the training graph of
 * {@link SpeechNet#buildTraining}, batch-norm running statistics re-estimated after every epoch from
 * {@value #STAT_BATCHES} training batches in training mode (PyTorch's cumulative estimate: mean of batch means,
 * mean of unbiased batch variances), validation on the inference graph ({@link SpeechNet#build}, batch norm
 * folded) and export as a {@link SpeechModelArchive}. Not thread-safe.
 */
public final class SpeechTrainingTask implements TrainingTask {

    static final int STAT_BATCHES = 8;

    private final SpeechNet.TrainingGraph graph;
    private List<float[]> train;
    private final int[] trainLabels;
    private final List<float[]> val;
    private final int[] valLabels;
    private final SklearnScaler scaler;
    private final LabelOrder order;
    private final Map<String, Object> description;
    private final RunningStatistics runningStats = new RunningStatistics();
    private final SpecAugment augment;
    private final Mixup mixup;
    private final EpochExamples epochExamples;
    private Random augmentRng = new Random(0);
    private double[] calibrationTarget;
    private org.affect4j.audio.features.MelConfig mel = org.affect4j.audio.features.MelConfig.seed();
    private SpeechWindow window = SpeechWindow.SEED;

    /**
     * Training examples made afresh for each epoch from its seed (e.g. {@link SpeechCorpus#scaledWithFreshNoise}):
     * the same number, order and labels as the examples the task was created with, scaled.
     */
    @FunctionalInterface
    public interface EpochExamples {
        List<float[]> forEpoch(long epochSeed);
    }

    /**
     * @param init        initial weights (e.g. {@link SpeechNet#initialWeights(long)} or a checkpoint to fine-tune)
     * @param batch       the trainer's batch size
     * @param train       scaled training examples and their label indices
     * @param val         scaled model-selection examples and their label indices
     * @param scaler      the scaler the examples were scaled with (shipped with the model)
     * @param description metadata stored with the exported model (data, protocol, recipe)
     */
    public SpeechTrainingTask(StateDict init, int batch, List<float[]> train, int[] trainLabels, List<float[]> val, int[] valLabels,
                              SklearnScaler scaler, LabelOrder order, Map<String, Object> description) {
        this(init, batch, train, trainLabels, val, valLabels, scaler, order, description, SpecAugment.NONE);
    }

    /**
     * As {@link #SpeechTrainingTask(StateDict, int, List, int[], List, int[], SklearnScaler, LabelOrder, Map)}, with
     * SpecAugment masking of the training batches ({@link SpecAugment#NONE} = the seed's recipe). The masks are drawn
     * from the epoch's seed, so a resumed run repeats an uninterrupted one; validation and batch-norm statistics
     * use unmasked examples.
     */
    public SpeechTrainingTask(StateDict init, int batch, List<float[]> train, int[] trainLabels, List<float[]> val, int[] valLabels,
                              SklearnScaler scaler, LabelOrder order, Map<String, Object> description, SpecAugment augment) {
        this(init, batch, train, trainLabels, val, valLabels, scaler, order, description, augment, null);
    }

    /**
     * As {@link #SpeechTrainingTask(StateDict, int, List, int[], List, int[], SklearnScaler, LabelOrder, Map, SpecAugment)},
     * with the training examples replaced at the start of every epoch by {@code epochExamples} (null = the same
     * examples every epoch, the seed's recipe). Being drawn from the epoch's seed, a resumed run sees the same
     * examples as an uninterrupted one.
     */
    public SpeechTrainingTask(StateDict init, int batch, List<float[]> train, int[] trainLabels, List<float[]> val, int[] valLabels,
                              SklearnScaler scaler, LabelOrder order, Map<String, Object> description, SpecAugment augment,
                              EpochExamples epochExamples) {
        this(init, batch, train, trainLabels, val, valLabels, scaler, order, description, augment, Mixup.NONE, epochExamples);
    }

    /**
     * The general form: SpecAugment masking, then {@code mixup} ({@link Mixup#NONE} = the seed) on every training
     * batch, and the training examples replaced at the start of every epoch by {@code epochExamples} (null = the same
     * examples every epoch). All draws derive from the epoch's seed.
     */
    public SpeechTrainingTask(StateDict init, int batch, List<float[]> train, int[] trainLabels, List<float[]> val, int[] valLabels,
                              SklearnScaler scaler, LabelOrder order, Map<String, Object> description, SpecAugment augment,
                              Mixup mixup, EpochExamples epochExamples) {
        Objects.requireNonNull(init, "init");
        this.augment = Objects.requireNonNull(augment, "augment");
        this.mixup = Objects.requireNonNull(mixup, "mixup");
        this.epochExamples = epochExamples;
        if (train.size() != trainLabels.length || val.size() != valLabels.length) {
            throw new IllegalArgumentException("examples and labels differ in number");
        }
        if (val.isEmpty()) {
            throw new IllegalArgumentException("no validation examples");
        }
        this.graph = SpeechNet.buildTraining(init, batch);
        this.train = train;
        this.trainLabels = trainLabels.clone();
        this.val = val;
        this.valLabels = valLabels.clone();
        this.scaler = Objects.requireNonNull(scaler, "scaler");
        this.order = Objects.requireNonNull(order, "order");
        this.description = Map.copyOf(description);
        for (SpeechNet.BatchStats s : graph.batchStats()) {
            runningStats.put(s.prefix() + "running_mean", init.floats(s.prefix() + "running_mean", s.channels()));
            runningStats.put(s.prefix() + "running_var", init.floats(s.prefix() + "running_var", s.channels()));
        }
    }

    @Override
    public SameDiff graph() {
        return graph.sameDiff();
    }

    @Override
    public GraphNames names() {
        return new GraphNames(SpeechNet.INPUT, SpeechNet.LABELS, SpeechNet.LOSS, SpeechNet.LOGITS);
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public void beginEpoch(long epochSeed) {
        augmentRng = new Random(epochSeed ^ 0x5EC0A09L);
        if (epochExamples != null) {
            List<float[]> next = epochExamples.forEpoch(epochSeed);
            if (next.size() != train.size()) {
                throw new IllegalStateException("epoch examples: " + next.size() + " examples, the task has " + train.size());
            }
            int per = SpeechNet.N_MELS * SpeechNet.N_FRAMES;
            for (int i = 0; i < next.size(); i++) {
                if (next.get(i) == null || next.get(i).length != per) {
                    throw new IllegalStateException("epoch example " + i + " is not 128 x 563 values");
                }
            }
            train = next;
        }
    }

    @Override
    public DataSet batch(int[] indices) {
        if (augment.isNone() && mixup.isNone()) {
            return new DataSet(features(train, indices), oneHot(trainLabels, indices));
        }
        List<float[]> xs = new ArrayList<>(indices.length);
        int[] labels = new int[indices.length];
        int[] idx = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            float[] x = train.get(indices[i]);
            xs.add(augment.isNone() ? x : augment.apply(x, SpeechNet.N_MELS, SpeechNet.N_FRAMES, augmentRng));
            labels[i] = trainLabels[indices[i]];
            idx[i] = i;
        }
        if (mixup.isNone()) {
            return new DataSet(features(xs, idx), oneHot(trainLabels, indices));
        }
        Mixup.Batch mixed = mixup.apply(xs, labels, SpeechNet.N_CLASSES, augmentRng);
        return new DataSet(features(mixed.features(), idx), org.nd4j.linalg.factory.Nd4j.create(mixed.targets()));
    }

    private static INDArray features(List<float[]> xs, int[] idx) {
        return ArrayTrainingTask.stack(xs, idx, 1, SpeechNet.N_MELS, SpeechNet.N_FRAMES);
    }

    private static INDArray oneHot(int[] labels, int[] idx) {
        return ArrayTrainingTask.oneHot(labels, idx, SpeechNet.N_CLASSES);
    }

    @Override
    public void endEpoch(long epochSeed) {
        int b = graph.batch();
        int[] perm = org.affect4j.core.train.Trainer.permutation(train.size(), new Random(epochSeed ^ 0x5DEECE66DL));
        List<RunningStatistics.Layer> layers = new ArrayList<>();
        for (SpeechNet.BatchStats s : graph.batchStats()) {
            layers.add(new RunningStatistics.Layer(s.prefix(), s.meanVariable(), s.varianceVariable(), (double) b * s.spatialSize()));
        }
        runningStats.reestimate(graph.sameDiff(), layers, Math.min(STAT_BATCHES, train.size() / b),
                k -> Map.of(SpeechNet.INPUT, features(train, java.util.Arrays.copyOfRange(perm, k * b, (k + 1) * b))));
    }

    /** The current weights in the seed's state-dict layout (running statistics from the last re-estimate). */
    public StateDict stateDict() {
        return SpeechNet.trainedStateDict(graph.sameDiff(), runningStats::get);
    }

    @Override
    public Score validate() {
        SameDiff inf = SpeechNet.build(stateDict());
        double loss = 0;
        int correct = 0;
        try {
            for (int from = 0; from < val.size(); from += 32) {
                int n = Math.min(32, val.size() - from);
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = from + i;
                }
                try (INDArray x = features(val, idx)) {
                    Map<String, INDArray> out = inf.output(Map.of(SpeechNet.INPUT, x), SpeechNet.LOGITS);
                    try (INDArray l = out.get(SpeechNet.LOGITS)) {
                        float[][] rows = l.toFloatMatrix();
                        for (int i = 0; i < n; i++) {
                            int truth = valLabels[from + i];
                            loss += Logits.crossEntropy(rows[i], truth);
                            if (Logits.argmax(rows[i]) == truth) {
                                correct++;
                            }
                        }
                    }
                }
            }
        } finally {
            for (SDVariable v : inf.variables()) {
                INDArray a = v.getArr();
                if (a != null && a.closeable()) {
                    a.close();
                }
            }
        }
        return new Score(loss / val.size(), correct / (double) val.size());
    }

    @Override
    public RunningStatistics runningStatistics() {
        return runningStats;
    }

    /**
     * The example counts, SpecAugment, mixup, whether examples are redrawn per epoch, and — when the description
     * has them — the training and validation actors and the recipe's augmentation and scaler lines.
     */
    @Override
    public Map<String, Object> runIdentity() {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("trainExamples", train.size());
        id.put("validationExamples", val.size());
        id.put("specAugment", augment.toString());
        id.put("mixup", mixup.alpha());
        id.put("examplesRedrawnPerEpoch", epochExamples != null);
        for (String k : List.of("trainActors", "validationActors")) {
            if (description.containsKey(k)) {
                id.put(k, description.get(k));
            }
        }
        if (description.get("recipe") instanceof Map<?, ?> recipe) {
            for (String k : List.of("augmentation", "scaler", "speakerNormalisation", "melFrontend", "extraTrainingCorpus")) {
                if (recipe.containsKey(k)) {
                    id.put(k, recipe.get(k));
                }
            }
        }
        return id;
    }

    /**
     * Marks the examples as speaker-normalised towards {@code targetDb} (band means; null = not normalised, the
     * seed): exported models then carry it ({@link SpeechModelArchive#CALIBRATION_TARGET}). Returns this task.
     */
    public SpeechTrainingTask calibrationTarget(double[] targetDb) {
        this.calibrationTarget = targetDb == null ? null : targetDb.clone();
        return this;
    }

    /** The mel front end the examples were made with (default the seed's), stored in exported models. Returns this task. */
    public SpeechTrainingTask melConfig(org.affect4j.audio.features.MelConfig mel) {
        this.mel = java.util.Objects.requireNonNull(mel, "mel");
        return this;
    }

    /**
     * The window the examples were cut from (default the seed's, {@link SpeechWindow#SEED}), stored in exported models
     * so that they analyse the same part of a clip. Returns this task.
     */
    public SpeechTrainingTask window(SpeechWindow window) {
        this.window = Objects.requireNonNull(window, "window");
        return this;
    }

    @Override
    public ModelArchive export(Map<String, Object> provenance) {
        Map<String, Object> meta = new LinkedHashMap<>(description);
        meta.putAll(provenance);
        return SpeechModelArchive.toArchive(stateDict(), scaler, order, meta, calibrationTarget, mel, window);
    }
}
