package org.affect4j.vision.au;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchTensor;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The action-unit face branch's network, over {@link ActionUnits#COUNT} standardised clip-level action units: either
 * a softmax regression ({@code hidden = 0}: {@code fc.weight} (8, 35), {@code fc.bias}) or one hidden ReLU layer
 * ({@code fc1.*} (H, 35), {@code fc2.*} (8, H)); logits in the seed's speech label order
 * ({@link org.affect4j.core.LabelOrder#SEED_SPEECH}), so that they sit beside the speech network's in the fusion layer.
 * This class builds the training graph and the initial weights; {@link ActionUnitClassifier} runs trained weights.
 * Stateless.
 */
public final class ActionUnitNet {

    public static final String INPUT = "au_input";
    public static final String LABELS = "au_labels";
    public static final String LOGITS = "au_logits";
    public static final String LOSS = "au_loss";
    public static final int CLASSES = 8;

    private ActionUnitNet() {
    }

    /** The hidden width of {@code weights}: 0 for a softmax regression. */
    public static int hiddenOf(StateDict weights) {
        if (weights.contains("fc.weight")) {
            return 0;
        }
        if (!weights.contains("fc1.weight")) {
            throw new org.affect4j.core.CheckpointException(weights.source(), "not an action-unit network: neither fc.weight nor fc1.weight");
        }
        long[] s = weights.tensor("fc1.weight").shape();
        if (s.length != 2 || s[1] != ActionUnits.COUNT || s[0] < 1 || s[0] > 4096) {
            throw new org.affect4j.core.CheckpointException(weights.source(), "fc1.weight must be (H <= 4096, " + ActionUnits.COUNT
                    + "), is " + java.util.Arrays.toString(s));
        }
        return (int) s[0];
    }

    /**
     * Fresh weights as PyTorch initialises {@code nn.Linear} (weight and bias uniform in ±1/√fan_in), deterministic
     * for a seed.
     */
    public static StateDict initialWeights(int hidden, long seed) {
        if (hidden < 0 || hidden > 4096) {
            throw new IllegalArgumentException("hidden must be 0..4096, got " + hidden);
        }
        Random rng = new Random(seed);
        Map<String, TorchTensor> w = new LinkedHashMap<>();
        if (hidden == 0) {
            w.put("fc.weight", uniform(rng, ActionUnits.COUNT, CLASSES, ActionUnits.COUNT));
            w.put("fc.bias", uniform(rng, ActionUnits.COUNT, CLASSES));
        } else {
            w.put("fc1.weight", uniform(rng, ActionUnits.COUNT, hidden, ActionUnits.COUNT));
            w.put("fc1.bias", uniform(rng, ActionUnits.COUNT, hidden));
            w.put("fc2.weight", uniform(rng, hidden, CLASSES, hidden));
            w.put("fc2.bias", uniform(rng, hidden, CLASSES));
        }
        return StateDict.of(w, java.nio.file.Path.of("initial-au-weights-seed-" + seed));
    }

    private static TorchTensor uniform(Random rng, long fanIn, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double bound = 1 / Math.sqrt(fanIn);
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return TorchTensor.ofFloats(v, shape);
    }

    /**
     * The training graph: input {@value #INPUT} (batch, 35) of standardised action units, trainable weights from
     * {@code init}, labels {@value #LABELS} one-hot (seed speech order), loss {@value #LOSS} = mean cross-entropy. Any
     * batch size.
     */
    public static SameDiff buildTraining(StateDict init) {
        Objects.requireNonNull(init, "init");
        int hidden = hiddenOf(init);
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, init).trainable(true);
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, ActionUnits.COUNT);
        SDVariable logits = hidden == 0
                ? w.linear(x, "fc.", ActionUnits.COUNT, CLASSES)
                : w.linear(sd.nn().relu(w.linear(x, "fc1.", ActionUnits.COUNT, hidden), 0), "fc2.", hidden, CLASSES);
        sd.identity(LOGITS, logits);
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, CLASSES);
        sd.loss().softmaxCrossEntropy(LOSS, labels, sd.getVariable(LOGITS), null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        w.finish();
        return sd;
    }
}
