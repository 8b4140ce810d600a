package org.affect4j.vision.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchTensor;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The library's own face-expression network (issue 26; beyond the seed), small enough to train on a 2-core CPU: a
 * 48 × 48 grey face → three blocks of two 3 × 3 convolutions (32, 64, 128 channels, ReLU) each followed by 2 × 2 max
 * pooling → a 256-unit ReLU layer → one logit per class. Training may add dropout (0.25 after each block, 0.5 before
 * the last layer). Weights use PyTorch's names and layouts ({@code conv1.weight} … {@code fc2.bias}), so a trained model
 * exports as a state dict of the equivalent {@code nn.Module}. Graph builders only; stateless.
 */
public final class FaceCnn {

    /** The {@code kind} of a trained face CNN's model archive. */
    public static final String ARCHIVE_KIND = "affect4j-face-expression-cnn";
    public static final String INPUT = "face";
    public static final String LABELS = "labels";
    public static final String LOSS = "loss";
    public static final String LOGITS = "logits";
    /** Input side in pixels. */
    public static final int SIZE = 48;

    private static final int[] CHANNELS = {32, 32, 64, 64, 128, 128};
    private static final int HIDDEN = 256;
    private static final int FLAT = 128 * (SIZE / 8) * (SIZE / 8);
    private static final double BLOCK_DROPOUT = 0.25;
    private static final double HIDDEN_DROPOUT = 0.5;

    private FaceCnn() {
    }

    /** Every parameter's name and shape, in the network's order. */
    public static Map<String, long[]> parameterShapes(int classes) {
        Map<String, long[]> s = new LinkedHashMap<>();
        int cin = 1;
        for (int i = 0; i < CHANNELS.length; i++) {
            s.put("conv" + (i + 1) + ".weight", new long[] {CHANNELS[i], cin, 3, 3});
            s.put("conv" + (i + 1) + ".bias", new long[] {CHANNELS[i]});
            cin = CHANNELS[i];
        }
        s.put("fc1.weight", new long[] {HIDDEN, FLAT});
        s.put("fc1.bias", new long[] {HIDDEN});
        s.put("fc2.weight", new long[] {classes, HIDDEN});
        s.put("fc2.bias", new long[] {classes});
        return s;
    }

    /**
     * He initialisation for ReLU layers ({@code nn.init.kaiming_uniform_(w, nonlinearity='relu')}: weights uniform in
     * ±√(6/fan_in)); the last layer as PyTorch's default, ±1/√fan_in; biases zero), drawn from {@code seed}: the same seed always gives the same weights. (PyTorch's
     * default ±1/√fan_in shrinks the signal through eight layers without batch norm until the logits are flat.)
     */
    public static StateDict initialWeights(int classes, long seed) {
        Random rng = new Random(seed);
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        Map<String, long[]> shapes = parameterShapes(classes);
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long[] shape = e.getValue();
            long[] weight = shapes.get(e.getKey().replace(".bias", ".weight"));
            long fanIn = 1;
            for (int d = 1; d < weight.length; d++) {
                fanIn *= weight[d];
            }
            // the last layer has no ReLU after it: PyTorch's default bound 1/√fan_in keeps the first logits small
            double bound = e.getKey().endsWith(".bias") ? 0 : e.getKey().startsWith("fc2.") ? 1 / Math.sqrt(fanIn) : Math.sqrt(6.0 / fanIn);
            int n = 1;
            for (long d : shape) {
                n *= (int) d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
            out.put(e.getKey(), TorchTensor.ofFloats(v, shape));
        }
        return StateDict.of(out, java.nio.file.Path.of("face-cnn-initial-weights-seed-" + seed));
    }

    /** The inference graph: {@link #INPUT} (N, 1, 48, 48) grey in [0, 1] → {@link #LOGITS} (N, classes). */
    public static SameDiff build(StateDict weights, int classes) {
        return graph(weights, classes, false, -1);
    }

    /**
     * The training graph for batches of exactly {@code batch}: trainable parameters, dropout when {@code dropout}
     * (0.25 after each block, 0.5 before the last layer), a {@link #LABELS} placeholder (one-hot) and the mean
     * cross-entropy {@link #LOSS}.
     */
    public static SameDiff buildTraining(StateDict weights, int classes, int batch, boolean dropout) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        return graph(weights, classes, true, batch, dropout);
    }

    private static SameDiff graph(StateDict weights, int classes, boolean training, int batch) {
        return graph(weights, classes, training, batch, false);
    }

    private static SameDiff graph(StateDict weights, int classes, boolean training, int batch, boolean dropout) {
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, weights).trainable(training);
        SDVariable h = sd.placeHolder(INPUT, DataType.FLOAT, training ? batch : -1, 1, SIZE, SIZE);
        int cin = 1;
        int side = SIZE;
        for (int i = 0; i < CHANNELS.length; i++) {
            h = sd.nn().relu(w.conv2d(h, "conv" + (i + 1) + ".", cin, CHANNELS[i], 3, 1, 1, true), 0);
            cin = CHANNELS[i];
            if (i % 2 == 1) {
                h = sd.cnn().maxPooling2d(h, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build());
                side /= 2;
                if (training && dropout) {
                    h = dropout(sd, h, BLOCK_DROPOUT, batch, cin, side, side);
                }
            }
        }
        h = sd.nn().relu(w.linear(sd.reshape(h, -1, FLAT), "fc1.", FLAT, HIDDEN), 0);
        if (training && dropout) {
            h = dropout(sd, h, HIDDEN_DROPOUT, batch, HIDDEN);
        }
        SDVariable logits = sd.identity(LOGITS, w.linear(h, "fc2.", HIDDEN, classes));
        w.finish();
        if (training) {
            SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, batch, classes);
            sd.loss().softmaxCrossEntropy(LOSS, labels, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        }
        return sd;
    }

    /** Inverted dropout: kept units scaled by 1 / (1 − p), a fresh mask per step. */
    private static SDVariable dropout(SameDiff sd, SDVariable x, double p, long... shape) {
        return x.mul(sd.random().bernoulli(1 - p, DataType.FLOAT, shape).div(1 - p));
    }

    /** The current weights of a training graph, as a state dict in the network's order. */
    public static StateDict trainedStateDict(SameDiff training, int classes) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes(classes).entrySet()) {
            SDVariable v = training.getVariable(e.getKey());
            if (v == null || v.getVariableType() != VariableType.VARIABLE) {
                throw new IllegalStateException("training graph has no parameter " + e.getKey());
            }
            out.put(e.getKey(), TorchTensor.ofFloats(v.getArr().dup('c').data().asFloat(), e.getValue()));
        }
        return StateDict.of(out, java.nio.file.Path.of("trained-in-java"));
    }
}
