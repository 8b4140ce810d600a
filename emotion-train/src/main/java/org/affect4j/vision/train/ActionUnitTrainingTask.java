package org.affect4j.vision.train;

import org.affect4j.vision.au.ActionUnitClassifier;
import org.affect4j.vision.au.ActionUnits;
import org.affect4j.vision.au.ActionUnitNet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.train.ArrayTrainingTask;
import org.affect4j.core.train.TrainingTask;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains the action-unit face branch on the {@link org.affect4j.core.train.Trainer}: the scaler is fitted on the
 * training examples only (never on validation or test actors), the network starts from
 * {@link ActionUnitNet#initialWeights}, and the exported archive holds scaler and weights
 * ({@link ActionUnitClassifier#fromArchive} reads it). Not thread-safe.
 */
public final class ActionUnitTrainingTask implements TrainingTask {

    /** One labelled clip. */
    public record Example(String clip, ActionUnits actionUnits, Emotion label) {
        public Example {
            Objects.requireNonNull(clip, "clip");
            Objects.requireNonNull(actionUnits, "actionUnits");
            Objects.requireNonNull(label, "label");
        }
    }

    private final SklearnScaler scaler;
    private final ArrayTrainingTask delegate;
    private final int hidden;

    /**
     * @param hidden 0 for a softmax regression, else the hidden ReLU layer's width
     * @param seed   seed of the initial weights
     */
    public ActionUnitTrainingTask(List<Example> train, List<Example> val, int hidden, long seed, Map<String, Object> description) {
        if (train.isEmpty() || val.isEmpty()) {
            throw new IllegalArgumentException("the action-unit branch needs training and validation examples");
        }
        List<double[]> rows = new ArrayList<>();
        for (Example e : train) {
            float[] v = e.actionUnits().values();
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            rows.add(d);
        }
        this.scaler = SklearnScaler.fit(rows);
        this.hidden = hidden;
        StateDict init = ActionUnitNet.initialWeights(hidden, seed);
        ActionUnitClassifier standardiser = ActionUnitClassifier.of(scaler, init);
        SameDiff graph = ActionUnitNet.buildTraining(init);
        Map<String, Object> meta = new LinkedHashMap<>(description);
        meta.put("kind", "action-unit-branch");
        meta.put("hidden", hidden);
        meta.put("labelOrder", LabelOrder.SEED_SPEECH.name());
        this.delegate = new ArrayTrainingTask(graph, ActionUnitNet.INPUT, ActionUnitNet.LABELS, ActionUnitNet.LOSS, ActionUnitNet.LOGITS,
                new long[] {ActionUnits.COUNT}, ActionUnitNet.CLASSES, inputs(standardiser, train), labels(train),
                inputs(standardiser, val), labels(val), meta);
    }

    private static List<float[]> inputs(ActionUnitClassifier standardiser, List<Example> xs) {
        List<float[]> out = new ArrayList<>(xs.size());
        for (Example e : xs) {
            out.add(standardiser.standardise(e.actionUnits()));
        }
        return out;
    }

    private static int[] labels(List<Example> xs) {
        int[] y = new int[xs.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = LabelOrder.SEED_SPEECH.indexOf(xs.get(i).label());
        }
        return y;
    }

    /** The scaler fitted on the training examples. */
    public SklearnScaler scaler() {
        return scaler;
    }

    @Override
    public SameDiff graph() {
        return delegate.graph();
    }

    @Override
    public GraphNames names() {
        return delegate.names();
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    public DataSet batch(int[] indices) {
        return delegate.batch(indices);
    }

    @Override
    public Score validate() {
        return delegate.validate();
    }

    @Override
    public Map<String, Object> runIdentity() {
        return Map.of("task", "action-unit-branch", "hidden", hidden);
    }

    /** Archive of the scaler and current weights: {@link ActionUnitClassifier#fromArchive} reads it. */
    @Override
    public ModelArchive export(Map<String, Object> provenance) {
        ModelArchive a = delegate.export(provenance);
        ActionUnitClassifier c = ActionUnitClassifier.of(scaler, a.stateDict("weights."));
        return ModelArchive.of(a.meta(), c.tensors());
    }
}
