package org.affect4j.audio.net;

import static org.affect4j.audio.net.SpeechArchitecture.*;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchTensor;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDIndex;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seed's speech network ({@link SpeechArchitecture}) as a SameDiff graph, built from a PyTorch state dict: the
 * reference port, and the graph training differentiates.
 *
 * Conv weights stay in PyTorch's OIYX layout. Attention and LayerNorm are written out because SameDiff's
 * built-ins lack projection biases and an epsilon. Dropout and batch statistics only exist in the training graph.
 */
public final class SpeechNet {

    public static final int N_MELS = SpeechArchitecture.N_MELS;
    public static final int N_FRAMES = SpeechArchitecture.N_FRAMES;
    public static final int N_CLASSES = SpeechArchitecture.N_CLASSES;
    public static final String INPUT = "input";
    public static final String LOGITS = "logits";

    /** The seed's dropout rates (training graphs only). */
    public static final double CNN_DROPOUT = 0.3;
    public static final double TRANSFORMER_DROPOUT = 0.4;
    public static final String LABELS = "labels";
    public static final String LOSS = "loss";

    private SpeechNet() {
    }

    /**
     * Builds the inference graph with the weights of {@code weights} (strict: missing, unexpected or mis-shaped
     * tensors fail with a {@link org.affect4j.core.CheckpointException} naming them). Input placeholder {@value #INPUT}
     * (float32, (B, 1, 128, 563)), output {@value #LOGITS} (B, 8).
     */
    public static SameDiff build(StateDict weights) {
        Objects.requireNonNull(weights, "weights");
        Builder b = new Builder(weights, false, false, -1);
        b.w.finish("num_batches_tracked");
        return b.sd;
    }

    /**
     * Builds the training graph for batches of exactly {@code batch} clips, starting from {@code init}: every
     * parameter is a trainable variable, batch norm normalises with the batch's statistics (their variables are
     * listed in {@link TrainingGraph#batchStats()}), and dropout is active as in the seed (0.3 after each CNN block;
     * 0.4 on attention weights, after attention and inside and after the feed-forward block of each encoder
     * layer). Placeholders {@value #INPUT} and {@value #LABELS} (one-hot, (batch, 8)); loss {@value #LOSS} is the mean
     * cross-entropy of {@value #LOGITS}. Running statistics in {@code init} are not used.
     */
    public static TrainingGraph buildTraining(StateDict init, int batch) {
        return buildTraining(init, batch, true);
    }

    /** As {@link #buildTraining(StateDict, int)}; {@code dropout} false leaves dropout out (for checks). */
    public static TrainingGraph buildTraining(StateDict init, int batch, boolean dropout) {
        Objects.requireNonNull(init, "init");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        Builder b = new Builder(init, true, dropout, batch);
        SDVariable labels = b.sd.placeHolder(LABELS, DataType.FLOAT, batch, N_CLASSES);
        b.sd.loss().softmaxCrossEntropy(LOSS, labels, b.logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        b.w.finish("num_batches_tracked", "running_mean", "running_var");
        return new TrainingGraph(b.sd, batch, List.copyOf(b.stats));
    }

    /**
     * Adds the speech network in training mode (as {@link #buildTraining(StateDict, int, boolean)}) to an existing
     * graph {@code sd}, on input {@code mel} (batch, 1, 128, 563), for a larger model trained end to end (the seed's
     * multimodal network). Parameters become trainable variables named as in the state dict (no prefix); no
     * placeholder, label or loss is added. Loading is strict: missing or mis-shaped tensors fail here.
     */
    public static Branch defineTraining(SameDiff sd, SDVariable mel, StateDict init, int batch, boolean dropout) {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(mel, "mel");
        Objects.requireNonNull(init, "init");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        Builder b = new Builder(sd, mel, init, true, dropout, batch);
        b.w.finish("num_batches_tracked", "running_mean", "running_var");
        return new Branch(b.logits, List.copyOf(b.stats));
    }

    /** The speech network inside a larger graph: its (batch, 8) logits and its batch-norm statistics variables. */
    public record Branch(SDVariable logits, List<BatchStats> batchStats) {
    }

    /**
     * The weights of a training graph built by this class, in the seed's state-dict layout: trainable variables by
     * name, {@code runningStats} for the batch-norm running statistics (by state-dict name), zeros for the conv
     * biases the training graph drops ({@link #isDroppedInTraining}).
     */
    public static StateDict trainedStateDict(SameDiff sd, java.util.function.Function<String, float[]> runningStats) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes().entrySet()) {
            String k = e.getKey();
            float[] v = runningStats.apply(k);
            if (v == null && isDroppedInTraining(k)) {
                v = new float[(int) e.getValue()[0]];
            } else if (v == null) {
                SDVariable var = sd.getVariable(k);
                if (var == null || var.getVariableType() != org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                    throw new IllegalStateException("training graph has no parameter " + k);
                }
                v = var.getArr().dup('c').data().asFloat();
            }
            out.put(k, TorchTensor.ofFloats(v, e.getValue()));
        }
        return StateDict.of(out, java.nio.file.Path.of("trained-in-java"));
    }

    /** A training graph and, per batch-norm layer, the variables holding its batch mean and (biased) variance. */
    public record TrainingGraph(SameDiff sameDiff, int batch, List<BatchStats> batchStats) {
    }

    /**
     * Batch statistics of one batch-norm layer (state-dict prefix, e.g. {@code conv2Dblock.1.}) over activations of
     * {@code spatialSize} = height × width positions per channel and example.
     */
    public record BatchStats(String prefix, int channels, long spatialSize, String meanVariable, String varianceVariable) {
    }

    /** Every tensor of the network's state dict with its shape ({@link SpeechArchitecture#parameterShapes()}). */
    public static Map<String, long[]> parameterShapes() {
        return SpeechArchitecture.parameterShapes();
    }

    /**
     * Fresh weights drawn as PyTorch initialises these layers: conv/linear weights and biases uniform in
     * ±1/√fan_in, attention input projection Xavier-uniform with zero bias, attention output bias zero, norms
     * γ = 1, β = 0, running mean 0 and variance 1. (PyTorch's {@code TransformerEncoder} starts its layers as
     * copies of one layer; here each layer is drawn independently.) Deterministic for a given seed.
     */
    public static StateDict initialWeights(long seed) {
        java.util.Random rng = new java.util.Random(seed);
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes().entrySet()) {
            String k = e.getKey();
            long[] shape = e.getValue();
            int n = (int) java.util.Arrays.stream(shape).reduce(1, (a, c) -> a * c);
            float[] v = new float[n];
            double bound;
            if (k.endsWith("running_var") || (k.endsWith(".weight") && (k.contains("norm") || isBatchNorm(k)))) {
                java.util.Arrays.fill(v, 1f);
                bound = 0;
            } else if (k.endsWith("running_mean") || k.endsWith("in_proj_bias") || k.endsWith("out_proj.bias")
                    || (k.endsWith(".bias") && (k.contains("norm") || isBatchNorm(k)))) {
                bound = 0;
            } else if (k.endsWith("in_proj_weight")) {
                bound = Math.sqrt(6.0 / (shape[0] + shape[1]));
            } else {
                bound = 1 / Math.sqrt(fanIn(k, shape, parameterShapes()));
            }
            if (bound > 0) {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                }
            }
            out.put(k, TorchTensor.ofFloats(v, shape));
        }
        return StateDict.of(out, java.nio.file.Path.of("initial-weights-seed-" + seed));
    }

    /**
     * Whether {@code key} is a conv bias that the training graph drops (batch norm cancels it): exported as zeros,
     * with the batch-norm running mean measured without it.
     */
    public static boolean isDroppedInTraining(String key) {
        return key.startsWith("conv2Dblock.") && key.endsWith(".bias") && !isBatchNorm(key);
    }

    private static boolean isBatchNorm(String key) {
        if (!key.startsWith("conv2Dblock.")) {
            return false;
        }
        int idx = Integer.parseInt(key.split("\\.")[1]);
        return idx % 5 == 1;
    }

    /** fan_in of a conv/linear weight, or of the weight beside a bias. */
    private static long fanIn(String key, long[] shape, Map<String, long[]> all) {
        long[] w = key.endsWith(".bias") ? all.get(key.substring(0, key.length() - 4) + "weight") : shape;
        long f = 1;
        for (int i = 1; i < w.length; i++) {
            f *= w[i];
        }
        return f;
    }

    /** Graph construction shared by the inference and the training graph. */
    private static final class Builder {
        final SameDiff sd;
        final GraphWeights w;
        final boolean training;
        final boolean dropout;
        final int batch;
        final List<BatchStats> stats = new ArrayList<>();
        final SDVariable logits;

        Builder(StateDict weights, boolean training, boolean dropout, int batch) {
            this(SameDiff.create(), null, weights, training, dropout, batch);
        }

        /** On {@code input} inside {@code sd}, or (input null) on a new placeholder {@code INPUT} with the logits named {@code LOGITS}. */
        Builder(SameDiff sd, SDVariable input, StateDict weights, boolean training, boolean dropout, int batch) {
            this.sd = sd;
            this.w = new GraphWeights(sd, weights).trainable(training);
            this.training = training;
            this.dropout = dropout;
            this.batch = batch;
            SDVariable x = input != null ? input : sd.placeHolder(INPUT, DataType.FLOAT, training ? batch : -1, 1, N_MELS, N_FRAMES);

            // CNN branch
            SDVariable h = x;
            long hh = N_MELS;
            long ww = N_FRAMES;
            for (int s = 0; s < STAGES.length; s++) {
                int cin = STAGES[s][0];
                int cout = STAGES[s][1];
                int pool = STAGES[s][2];
                String conv = conv(s);
                String bn = batchNorm(s);
                if (training) {
                    h = convBatchNorm(h, conv, bn, cin, cout, hh * ww);
                } else {
                    h = w.conv2dBatchNorm(h, conv, bn, cin, cout, 3, 1, 1);
                }
                // the seed's ReLU → max-pool, computed as max-pool → ReLU: the same values and gradients (ReLU is
                // monotone, so it commutes with max), on 4–16× fewer elements (measured: ReLU backward was 8 % of a
                // training step)
                h = sd.cnn().maxPooling2d(h, Pooling2DConfig.builder().kH(pool).kW(pool).sH(pool).sW(pool)
                        .isNHWC(false).build());
                h = sd.nn().relu(h, 0);
                hh /= pool;
                ww /= pool;
                h = dropout(h, CNN_DROPOUT, batch, cout, hh, ww);
            }
            SDVariable cnn = sd.reshape(h, -1, 256);

            // Transformer branch
            SDVariable seq = sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(4).sH(2).sW(4).isNHWC(false).build());
            seq = sd.permute(sd.reshape(seq, -1, 64, 140), 0, 2, 1); // (B, T=140, E=64)
            for (int l = 0; l < LAYERS; l++) {
                seq = encoderLayer(SpeechArchitecture.encoderLayer(l), seq);
            }
            SDVariable trf = seq.mean(1); // (B, 64)

            SDVariable features = sd.concat(1, cnn, trf);
            SDVariable out = w.linear(features, OUT, FEATURES, N_CLASSES);
            logits = input != null ? out : sd.identity(LOGITS, out);
        }

        /** Inverted dropout with a fresh Bernoulli mask per step (training graphs only; identity otherwise). */
        SDVariable dropout(SDVariable x, double p, long... shape) {
            if (!training || !dropout || p == 0) {
                return x;
            }
            SDVariable keep = sd.random().bernoulli(1 - p, DataType.FLOAT, shape).div(1 - p);
            return x.mul(keep);
        }

        /**
         * {@code Conv2d → BatchNorm2d} in training mode (batch mean and biased variance over N, H, W). ND4J's
         * batch-norm op cannot be differentiated in SameDiff and its broadcast multiply is slow to differentiate on
         * full activations, so the normalisation is folded into the convolution: z = conv(x, W) gives μ and σ²,
         * s = γ/√(σ²+ε), and the output is conv(x, W·s) + (β − μ·s) — mathematically the same, with only small
         * tensors multiplied. The conv bias is dropped (batch norm cancels it) and exported as 0, with the running
         * mean measured without it.
         */
        SDVariable convBatchNorm(SDVariable x, String conv, String bn, int cin, int cout, long spatialSize) {
            SDVariable weight = w.param(conv + "weight", cout, cin, 3, 3);
            w.ignore(conv + "bias");
            SDVariable z = w.conv2d(x, weight, null, 3, 1, 1);
            SDVariable mean = z.mean(true, 0, 2, 3);                        // (1, C, 1, 1)
            SDVariable var = sd.math().square(z).mean(true, 0, 2, 3).sub(sd.math().square(mean));
            stats.add(new BatchStats(bn, cout, spatialSize, mean.name(), var.name()));
            SDVariable scale = sd.reshape(w.param(bn + "weight", cout), cout).mul(sd.math().rsqrt(sd.reshape(var, cout).add(EPS)));
            SDVariable shift = w.param(bn + "bias", cout).sub(sd.reshape(mean, cout).mul(scale));
            SDVariable scaledWeight = weight.mul(sd.reshape(scale, cout, 1, 1, 1));
            return sd.nn().biasAdd(w.conv2d(x, scaledWeight, null, 3, 1, 1), shift, true);
        }

        /** x (B, T, E) → post-LN TransformerEncoderLayer → (B, T, E). */
        SDVariable encoderLayer(String p, SDVariable x) {
            int headDim = HEAD_DIM;
            long rows = (long) batch * SEQ;
            SDVariable flat = sd.reshape(x, -1, D_MODEL); // (B*T, E)
            SDVariable qkv = sd.mmul(flat, w.param(p + "self_attn.in_proj_weight", 3 * D_MODEL, D_MODEL), false, true, false)
                    .add(w.param(p + "self_attn.in_proj_bias", 3 * D_MODEL)); // (B*T, 3E)
            SDVariable q = heads(sd, qkv.get(SDIndex.all(), SDIndex.interval(0, D_MODEL)), headDim);
            SDVariable k = heads(sd, qkv.get(SDIndex.all(), SDIndex.interval(D_MODEL, 2 * D_MODEL)), headDim);
            SDVariable v = heads(sd, qkv.get(SDIndex.all(), SDIndex.interval(2 * D_MODEL, 3 * D_MODEL)), headDim);
            q = q.mul(1.0 / Math.sqrt(headDim));
            SDVariable scores = sd.mmul(q, k, false, true, false);                 // (B, H, T, T)
            SDVariable attn = dropout(sd.nn().softmax(scores, -1), TRANSFORMER_DROPOUT, batch, HEADS, SEQ, SEQ);
            SDVariable ctx = sd.mmul(attn, v);                                       // (B, H, T, d)
            ctx = sd.reshape(sd.permute(ctx, 0, 2, 1, 3), -1, D_MODEL);              // (B*T, E)
            SDVariable attnOut = dropout(w.linear(ctx, p + "self_attn.out_proj.", D_MODEL, D_MODEL), TRANSFORMER_DROPOUT, rows, D_MODEL);
            SDVariable h = layerNorm(flat.add(attnOut), w.param(p + "norm1.weight", D_MODEL), w.param(p + "norm1.bias", D_MODEL));
            SDVariable ff = dropout(sd.nn().relu(w.linear(h, p + "linear1.", D_MODEL, FF), 0), TRANSFORMER_DROPOUT, rows, FF);
            ff = dropout(w.linear(ff, p + "linear2.", FF, D_MODEL), TRANSFORMER_DROPOUT, rows, D_MODEL);
            SDVariable out = layerNorm(h.add(ff), w.param(p + "norm2.weight", D_MODEL), w.param(p + "norm2.bias", D_MODEL));
            return sd.reshape(out, -1, SEQ, D_MODEL); // back to (B, T, E)
        }
    }

    /** (B*T, E) slice → (B, H, T, d); T is static (140), so no shape ops are needed. */
    private static SDVariable heads(SameDiff sd, SDVariable slice, int headDim) {
        return sd.permute(sd.reshape(slice, -1, SEQ, HEADS, headDim), 0, 2, 1, 3);
    }

    /** LayerNorm over the last axis with PyTorch's epsilon (biased variance). */
    private static SDVariable layerNorm(SDVariable x, SDVariable gamma, SDVariable beta) {
        SDVariable mean = x.mean(true, -1);
        SDVariable centred = x.sub(mean);
        SDVariable var = centred.mul(centred).mean(true, -1);
        return centred.div(var.add(EPS).pow(0.5)).mul(gamma).add(beta);
    }
}
