package org.affect4j.audio.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The utterance network (beyond the seed): an ensemble of small multilayer perceptrons over the scaled
 * {@link org.affect4j.audio.features.UtteranceStatistics} of a clip. Each member is {@code input → dense(hidden) →
 * ReLU → dense(classes)}; the ensemble's logits are the mean of its members' logits.
 *
 * <p>State-dict keys, per member {@code m} (0-based): {@code member<m>.hidden.kernel} [input, hidden],
 * {@code member<m>.hidden.bias} [hidden], {@code member<m>.out.kernel} [hidden, classes], {@code member<m>.out.bias}
 * [classes]. {@link #logits} runs on plain Java arrays (exact, no native memory); {@link #memberGraph} builds the same
 * network in SameDiff (training, and the {@code SAMEDIFF} engine). Immutable and thread-safe.
 */
public final class UtteranceNet {

    public static final String INPUT = "input";
    /** Training only: the hidden units' dropout mask (kept units 1/(1-p), dropped 0). */
    public static final String MASK = "mask";
    public static final String LABELS = "labels";
    public static final String LOGITS = "logits";
    public static final String LOSS = "loss";

    private final int inputs;
    private final int hidden;
    private final int classes;
    /** Per member: hidden kernel [inputs*hidden], hidden bias, out kernel [hidden*classes], out bias. */
    private final List<float[][]> members;

    private UtteranceNet(int inputs, int hidden, int classes, List<float[][]> members) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        this.members = List.copyOf(members);
    }

    /**
     * The network held by {@code weights}: its members counted from the keys, shapes checked against each other.
     *
     * @throws CheckpointException naming the source when a key is missing, an extra key is present or a shape does not fit
     */
    public static UtteranceNet from(StateDict weights) {
        Objects.requireNonNull(weights, "weights");
        int m = 0;
        while (weights.contains(key(m, "hidden.kernel"))) {
            m++;
        }
        if (m == 0) {
            throw new CheckpointException(weights.source(), "no utterance-network member in the state dict (expected " + key(0, "hidden.kernel") + ")");
        }
        long[] hk = weights.tensor(key(0, "hidden.kernel")).shape();
        long[] ok = weights.tensor(key(0, "out.kernel")).shape();
        if (hk.length != 2 || ok.length != 2 || ok[0] != hk[1] || hk[0] < 1 || hk[1] < 1 || ok[1] < 2) {
            throw new CheckpointException(weights.source(), "utterance-network kernels have shapes " + java.util.Arrays.toString(hk) + " and "
                    + java.util.Arrays.toString(ok) + "; expected [inputs, hidden] and [hidden, classes]");
        }
        int in = (int) hk[0];
        int h = (int) hk[1];
        int c = (int) ok[1];
        java.util.Set<String> expected = new java.util.HashSet<>();
        List<float[][]> members = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            expected.addAll(List.of(key(i, "hidden.kernel"), key(i, "hidden.bias"), key(i, "out.kernel"), key(i, "out.bias")));
            members.add(new float[][] {weights.floats(key(i, "hidden.kernel"), in, h), weights.floats(key(i, "hidden.bias"), h),
                    weights.floats(key(i, "out.kernel"), h, c), weights.floats(key(i, "out.bias"), c)});
        }
        weights.requireExactly(expected, java.util.Set.of());
        return new UtteranceNet(in, h, c, members);
    }

    /** A network from members' arrays (hidden kernel, hidden bias, out kernel, out bias), as training produces them. */
    public static UtteranceNet of(int inputs, int hidden, int classes, List<float[][]> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an utterance network needs at least one member");
        }
        for (float[][] w : members) {
            if (w.length != 4 || w[0].length != inputs * hidden || w[1].length != hidden || w[2].length != hidden * classes
                    || w[3].length != classes) {
                throw new IllegalArgumentException("member arrays do not fit " + inputs + " -> " + hidden + " -> " + classes);
            }
        }
        List<float[][]> copy = new ArrayList<>();
        for (float[][] w : members) {
            copy.add(new float[][] {w[0].clone(), w[1].clone(), w[2].clone(), w[3].clone()});
        }
        return new UtteranceNet(inputs, hidden, classes, copy);
    }

    /** The state-dict key of a member's parameter. */
    public static String key(int member, String name) {
        return "member" + member + "." + name;
    }

    /** The weights as named arrays with their shapes, for a model archive ({@link #key} names). */
    public Map<String, float[]> namedWeights() {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            float[][] w = members.get(i);
            out.put(key(i, "hidden.kernel"), w[0].clone());
            out.put(key(i, "hidden.bias"), w[1].clone());
            out.put(key(i, "out.kernel"), w[2].clone());
            out.put(key(i, "out.bias"), w[3].clone());
        }
        return out;
    }

    /** The shape of the array {@link #namedWeights()} holds under {@code key}. */
    public long[] shapeOf(String key) {
        if (key.endsWith("hidden.kernel")) {
            return new long[] {inputs, hidden};
        }
        if (key.endsWith("hidden.bias")) {
            return new long[] {hidden};
        }
        if (key.endsWith("out.kernel")) {
            return new long[] {hidden, classes};
        }
        return new long[] {classes};
    }

    public int inputs() {
        return inputs;
    }

    public int hidden() {
        return hidden;
    }

    public int classes() {
        return classes;
    }

    public int members() {
        return members.size();
    }

    /** Logits of {@code batch} inputs back to back ({@link #inputs()} values each): the members' mean. */
    public float[][] logits(float[] features, int batch) {
        if (batch < 1 || features.length != (long) batch * inputs) {
            throw new IllegalArgumentException("expected " + batch + " x " + inputs + " values, got " + features.length);
        }
        float[][] out = new float[batch][classes];
        double[] h = new double[hidden];
        for (int b = 0; b < batch; b++) {
            double[] sum = new double[classes];
            for (float[][] w : members) {
                for (int j = 0; j < hidden; j++) {
                    h[j] = w[1][j];
                }
                for (int i = 0; i < inputs; i++) {
                    double x = features[b * inputs + i];
                    int row = i * hidden;
                    for (int j = 0; j < hidden; j++) {
                        h[j] += x * w[0][row + j];
                    }
                }
                for (int k = 0; k < classes; k++) {
                    double z = w[3][k];
                    for (int j = 0; j < hidden; j++) {
                        if (h[j] > 0) {
                            z += h[j] * w[2][j * classes + k];
                        }
                    }
                    sum[k] += z;
                }
            }
            for (int k = 0; k < classes; k++) {
                out[b][k] = (float) (sum[k] / members.size());
            }
        }
        return out;
    }

    /**
     * One member as a SameDiff graph: placeholders {@link #INPUT} [n, inputs], {@link #MASK} [n, hidden] (dropout mask
     * on the hidden units; all ones at inference) and {@link #LABELS} [n, classes] (one-hot), variables initialised from
     * {@code init} (hidden kernel, hidden bias, out kernel, out bias), {@link #LOGITS} and the mean cross-entropy
     * {@link #LOSS}.
     */
    public static SameDiff memberGraph(int inputs, int hidden, int classes, float[][] init) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, inputs);
        SDVariable mask = sd.placeHolder(MASK, DataType.FLOAT, -1, hidden);
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, classes);
        SDVariable w1 = sd.var("hidden.kernel", Nd4j.create(init[0], new long[] {inputs, hidden}, 'c'));
        SDVariable b1 = sd.var("hidden.bias", Nd4j.create(init[1], new long[] {hidden}, 'c'));
        SDVariable w2 = sd.var("out.kernel", Nd4j.create(init[2], new long[] {hidden, classes}, 'c'));
        SDVariable b2 = sd.var("out.bias", Nd4j.create(init[3], new long[] {classes}, 'c'));
        SDVariable h = sd.nn().relu(x.mmul(w1).add(b1), 0.0).mul(mask);
        SDVariable logits = h.mmul(w2).add(LOGITS, b2);
        sd.loss().softmaxCrossEntropy(LOSS, labels, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        return sd;
    }

    /** The current values of a member graph's variables (hidden kernel, hidden bias, out kernel, out bias). */
    public static float[][] memberWeights(SameDiff sd) {
        return new float[][] {flat(sd.getVariable("hidden.kernel").getArr()), flat(sd.getVariable("hidden.bias").getArr()),
                flat(sd.getVariable("out.kernel").getArr()), flat(sd.getVariable("out.bias").getArr())};
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    /**
     * Logits of the ensemble computed in SameDiff, member by member (the reference the plain-array {@link #logits}
     * is tested against; also the {@code SAMEDIFF} engine). Every native array made here is closed before returning.
     */
    public float[][] logitsSameDiff(float[] features, int batch) {
        if (batch < 1 || features.length != (long) batch * inputs) {
            throw new IllegalArgumentException("expected " + batch + " x " + inputs + " values, got " + features.length);
        }
        double[][] sum = new double[batch][classes];
        for (float[][] w : members) {
            SameDiff sd = memberGraph(inputs, hidden, classes, w);
            try (INDArray x = Nd4j.create(features, new long[] {batch, inputs}, 'c');
                 INDArray mask = Nd4j.ones(DataType.FLOAT, batch, hidden)) {
                Map<String, INDArray> r = sd.output(Map.of(INPUT, x, MASK, mask), LOGITS);
                try (INDArray l = r.get(LOGITS)) {
                    float[][] m = l.toFloatMatrix();
                    for (int b = 0; b < batch; b++) {
                        for (int k = 0; k < classes; k++) {
                            sum[b][k] += m[b][k];
                        }
                    }
                }
            } finally {
                GraphWeights.closeArrays(sd);
            }
        }
        float[][] out = new float[batch][classes];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < classes; k++) {
                out[b][k] = (float) (sum[b][k] / members.size());
            }
        }
        return out;
    }
}
