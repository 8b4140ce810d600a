package org.affect4j.vision.au;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.StateDict;

/**
 * A trained action-unit face branch: clip-level {@link ActionUnits} → standardised with the training actors' mean and
 * deviation → {@link ActionUnitNet} → logits in the seed's speech label order. Runs in plain Java (a 35-input network
 * needs no native graph), so it holds no native memory. Immutable and thread-safe.
 */
public final class ActionUnitClassifier {

    /** Archive tensor names: {@code au.scaler.mean}, {@code au.scaler.scale} and the network's {@code au.weights.*}. */
    public static final String PREFIX = "au.";

    private final double[] mean;
    private final double[] scale;
    private final int hidden;
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    private final StateDict weights;

    private ActionUnitClassifier(SklearnScaler scaler, StateDict weights) {
        this.mean = scaler.mean();
        this.scale = scaler.scale();
        if (mean.length != ActionUnits.COUNT) {
            throw new CheckpointException(weights.source(), "action-unit scaler has " + mean.length + " features, expected " + ActionUnits.COUNT);
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i]) || !(scale[i] > 0) || !Double.isFinite(scale[i])) {
                throw new CheckpointException(weights.source(), "action-unit scaler: " + ActionUnits.NAMES.get(i) + " has mean " + mean[i]
                        + " and scale " + scale[i] + " (scale must be finite and > 0)");
            }
        }
        this.weights = weights;
        this.hidden = ActionUnitNet.hiddenOf(weights);
        int c = ActionUnitNet.CLASSES;
        int in = ActionUnits.COUNT;
        if (hidden == 0) {
            w1 = weights.floats("fc.weight", c, in);
            b1 = weights.floats("fc.bias", c);
            w2 = null;
            b2 = null;
            weights.requireExactly(java.util.Set.of("fc.weight", "fc.bias"), java.util.Set.of());
        } else {
            w1 = weights.floats("fc1.weight", hidden, in);
            b1 = weights.floats("fc1.bias", hidden);
            w2 = weights.floats("fc2.weight", c, hidden);
            b2 = weights.floats("fc2.bias", c);
            weights.requireExactly(java.util.Set.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), java.util.Set.of());
        }
    }

    /** From a scaler fitted on the training examples and trained weights (layout of {@link ActionUnitNet}). */
    public static ActionUnitClassifier of(SklearnScaler scaler, StateDict weights) {
        return new ActionUnitClassifier(Objects.requireNonNull(scaler, "scaler"), Objects.requireNonNull(weights, "weights"));
    }

    /**
     * Reads the branch from an archive's {@value #PREFIX} tensors.
     *
     * @throws CheckpointException naming the archive when they are missing or mis-shaped
     */
    public static ActionUnitClassifier fromArchive(ModelArchive archive) {
        Objects.requireNonNull(archive, "archive");
        SklearnScaler scaler = new SklearnScaler(archive.tensor(PREFIX + "scaler.mean").toDoubles(),
                archive.tensor(PREFIX + "scaler.scale").toDoubles());
        return new ActionUnitClassifier(scaler, archive.stateDict(PREFIX + "weights."));
    }

    /** The branch's tensors for an archive ({@link #fromArchive} reads them back). */
    public Map<String, ModelArchive.Tensor> tensors() {
        Map<String, ModelArchive.Tensor> t = new LinkedHashMap<>();
        t.put(PREFIX + "scaler.mean", ModelArchive.Tensor.of(mean.clone(), mean.length));
        t.put(PREFIX + "scaler.scale", ModelArchive.Tensor.of(scale.clone(), scale.length));
        for (String k : weights.keys()) {
            t.put(PREFIX + "weights." + k, ModelArchive.Tensor.of(weights.tensor(k).toFloatArray(), weights.tensor(k).shape()));
        }
        return t;
    }

    /** Hidden width (0 = softmax regression). */
    public int hidden() {
        return hidden;
    }

    /** The standardised input the network sees. */
    public float[] standardise(ActionUnits au) {
        float[] v = au.values();
        float[] x = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = (float) ((v[i] - mean[i]) / scale[i]);
        }
        return x;
    }

    /** Logits (seed speech order) for one clip's action units. */
    public float[] logits(ActionUnits au) {
        float[] x = standardise(Objects.requireNonNull(au, "au"));
        if (hidden == 0) {
            return affine(w1, b1, x, ActionUnitNet.CLASSES, false);
        }
        return affine(w2, b2, affine(w1, b1, x, hidden, true), ActionUnitNet.CLASSES, false);
    }

    private static float[] affine(float[] w, float[] b, float[] x, int out, boolean relu) {
        float[] y = new float[out];
        for (int o = 0; o < out; o++) {
            double s = b[o];
            for (int i = 0; i < x.length; i++) {
                s += (double) w[o * x.length + i] * x[i];
            }
            y[o] = relu ? (float) Math.max(0, s) : (float) s;
        }
        return y;
    }

    /** The branch's own prediction (modality VIDEO: the action units come from the face video). */
    public Prediction predict(ActionUnits au) {
        return Prediction.fromLogits(logits(au), LabelOrder.SEED_SPEECH, EnumSet.of(Modality.VIDEO));
    }

    @Override
    public String toString() {
        return "ActionUnitClassifier[" + (hidden == 0 ? "softmax regression" : "MLP hidden " + hidden) + " over " + ActionUnits.COUNT + " action units]";
    }
}
