package org.affect4j.audio.net;

import java.util.HashSet;

import java.util.Objects;
import java.util.Set;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.StateDict;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seed's speech network ("ParallelCnnTransformer") as a SameDiff graph, built from a PyTorch state dict.
 *
 * <pre>
 * input (B, 1, 128 mel, 563 frames)
 *  ├─ CNN: 4 × [conv 3×3 pad 1 → BatchNorm → ReLU → max-pool 2,4,4,4] → (B, 64, 1, 4) → flatten → 256
 *  └─ max-pool (2, 4) → (B, 64 mel, 140 t) → (B, 140, 64) → 4 × post-LN TransformerEncoderLayer
 *       (d_model 64, 4 heads, ff 512, ReLU, LayerNorm eps 1e-5) → mean over time → 64
 * concat [256, 64] → Linear(320, 8) → logits (seed label order)
 * </pre>
 *
 * Conv weights stay in PyTorch's OIYX layout. Attention and LayerNorm are written out because SameDiff's
 * built-ins lack projection biases and an epsilon. Dropout is inactive (inference).
 */
public final class SpeechNet {

    public static final int N_MELS = 128;
    public static final int N_FRAMES = 563;
    public static final int N_CLASSES = 8;
    public static final String INPUT = "input";
    public static final String LOGITS = "logits";

    private static final int[][] STAGES = {{1, 16, 2}, {16, 32, 4}, {32, 64, 4}, {64, 64, 4}};
    private static final int D_MODEL = 64;
    private static final int HEADS = 4;
    private static final int FF = 512;
    private static final int LAYERS = 4;
    private static final double EPS = 1e-5;

    private SpeechNet() {
    }

    /** Every parameter name the network needs (strict loading); {@code num_batches_tracked} may also be present. */
    public static Set<String> parameterNames() {
        Set<String> names = new HashSet<>();
        for (int s = 0; s < STAGES.length; s++) {
            int conv = 5 * s;
            int bn = conv + 1;
            names.add("conv2Dblock." + conv + ".weight");
            names.add("conv2Dblock." + conv + ".bias");
            for (String p : new String[] {"weight", "bias", "running_mean", "running_var"}) {
                names.add("conv2Dblock." + bn + "." + p);
            }
        }
        for (int l = 0; l < LAYERS; l++) {
            String p = "transf_encoder.layers." + l + ".";
            for (String n : new String[] {"self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                    "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                    "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"}) {
                names.add(p + n);
            }
        }
        names.add("out_linear.weight");
        names.add("out_linear.bias");
        return names;
    }

    private static Set<String> ignorableNames() {
        Set<String> names = new HashSet<>();
        for (int s = 0; s < STAGES.length; s++) {
            names.add("conv2Dblock." + (5 * s + 1) + ".num_batches_tracked");
        }
        return names;
    }

    /**
     * Builds the inference graph with the weights of {@code weights} (strict: missing, unexpected or mis-shaped
     * tensors fail with a {@link CheckpointException} naming them). Input placeholder {@value #INPUT}
     * (float32, (B, 1, 128, 563)), output {@value #LOGITS} (B, 8).
     */
    public static SameDiff build(StateDict weights) {
        Objects.requireNonNull(weights, "weights");
        weights.requireExactly(parameterNames(), ignorableNames());
        SameDiff sd = SameDiff.create();
        W w = new W(sd, weights);
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, 1, N_MELS, N_FRAMES);

        // CNN branch
        SDVariable h = x;
        for (int s = 0; s < STAGES.length; s++) {
            int cin = STAGES[s][0];
            int cout = STAGES[s][1];
            int pool = STAGES[s][2];
            String conv = "conv2Dblock." + (5 * s) + ".";
            String bn = "conv2Dblock." + (5 * s + 1) + ".";
            h = sd.cnn().conv2d(h, w.get(conv + "weight", cout, cin, 3, 3), w.get(conv + "bias", cout),
                    Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dH(1).dW(1)
                            .dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build());
            h = sd.nn().batchNorm(h, w.get(bn + "running_mean", cout), w.get(bn + "running_var", cout),
                    w.get(bn + "weight", cout), w.get(bn + "bias", cout), EPS, 1);
            h = sd.nn().relu(h, 0);
            h = sd.cnn().maxPooling2d(h, Pooling2DConfig.builder().kH(pool).kW(pool).sH(pool).sW(pool)
                    .isNHWC(false).build());
        }
        SDVariable cnn = sd.reshape(h, -1, 256);

        // Transformer branch
        SDVariable seq = sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(4).sH(2).sW(4).isNHWC(false).build());
        seq = sd.permute(sd.reshape(seq, -1, 64, 140), 0, 2, 1); // (B, T=140, E=64)
        for (int l = 0; l < LAYERS; l++) {
            seq = encoderLayer(sd, w, "transf_encoder.layers." + l + ".", seq);
        }
        SDVariable trf = seq.mean(1); // (B, 64)

        SDVariable features = sd.concat(1, cnn, trf);
        SDVariable logits = sd.mmul(features, w.get("out_linear.weight", N_CLASSES, 320), false, true, false)
                .add(w.get("out_linear.bias", N_CLASSES));
        sd.identity(LOGITS, logits);
        return sd;
    }

    /** x (B, T, E) → post-LN TransformerEncoderLayer → (B, T, E). */
    private static SDVariable encoderLayer(SameDiff sd, W w, String p, SDVariable x) {
        int headDim = D_MODEL / HEADS;
        SDVariable flat = sd.reshape(x, -1, D_MODEL); // (B*T, E)
        SDVariable inW = w.get(p + "self_attn.in_proj_weight", 3 * D_MODEL, D_MODEL);
        SDVariable inB = w.get(p + "self_attn.in_proj_bias", 3 * D_MODEL);
        SDVariable qkv = sd.mmul(flat, inW, false, true, false).add(inB); // (B*T, 3E)
        SDVariable q = heads(sd, qkv.get(org.nd4j.autodiff.samediff.SDIndex.all(),
                org.nd4j.autodiff.samediff.SDIndex.interval(0, D_MODEL)), x, headDim);
        SDVariable k = heads(sd, qkv.get(org.nd4j.autodiff.samediff.SDIndex.all(),
                org.nd4j.autodiff.samediff.SDIndex.interval(D_MODEL, 2 * D_MODEL)), x, headDim);
        SDVariable v = heads(sd, qkv.get(org.nd4j.autodiff.samediff.SDIndex.all(),
                org.nd4j.autodiff.samediff.SDIndex.interval(2 * D_MODEL, 3 * D_MODEL)), x, headDim);
        q = q.mul(1.0 / Math.sqrt(headDim));
        SDVariable scores = sd.mmul(q, k, false, true, false);                 // (B, H, T, T)
        SDVariable attn = sd.nn().softmax(scores, -1);
        SDVariable ctx = sd.mmul(attn, v);                                       // (B, H, T, d)
        ctx = sd.reshape(sd.permute(ctx, 0, 2, 1, 3), -1, D_MODEL);              // (B*T, E)
        SDVariable attnOut = sd.mmul(ctx, w.get(p + "self_attn.out_proj.weight", D_MODEL, D_MODEL), false, true, false)
                .add(w.get(p + "self_attn.out_proj.bias", D_MODEL));
        SDVariable h = layerNorm(flat.add(attnOut), w.get(p + "norm1.weight", D_MODEL), w.get(p + "norm1.bias", D_MODEL));
        SDVariable ff = sd.nn().relu(sd.mmul(h, w.get(p + "linear1.weight", FF, D_MODEL), false, true, false)
                .add(w.get(p + "linear1.bias", FF)), 0);
        ff = sd.mmul(ff, w.get(p + "linear2.weight", D_MODEL, FF), false, true, false).add(w.get(p + "linear2.bias", D_MODEL));
        SDVariable out = layerNorm(h.add(ff), w.get(p + "norm2.weight", D_MODEL), w.get(p + "norm2.bias", D_MODEL));
        return sd.reshape(out, x.shape()); // back to (B, T, E)
    }

    /** (B*T, E) slice → (B, H, T, d), using {@code like} (B, T, E) for the batch and time sizes. */
    private static SDVariable heads(SameDiff sd, SDVariable slice, SDVariable like, int headDim) {
        SDVariable shape = like.shape();
        SDVariable b = shape.get(org.nd4j.autodiff.samediff.SDIndex.point(0));
        SDVariable t = shape.get(org.nd4j.autodiff.samediff.SDIndex.point(1));
        SDVariable newShape = sd.concat(0, sd.reshape(b, 1), sd.reshape(t, 1),
                sd.constant(Nd4j.createFromArray((long) HEADS, (long) headDim)));
        return sd.permute(sd.reshape(slice, newShape), 0, 2, 1, 3);
    }

    /** LayerNorm over the last axis with PyTorch's epsilon (biased variance). */
    private static SDVariable layerNorm(SDVariable x, SDVariable gamma, SDVariable beta) {
        SDVariable mean = x.mean(true, -1);
        SDVariable centred = x.sub(mean);
        SDVariable var = centred.mul(centred).mean(true, -1);
        return centred.div(var.add(EPS).pow(0.5)).mul(gamma).add(beta);
    }

    /** Turns state-dict tensors into graph variables, checking each shape. */
    private static final class W {
        private final SameDiff sd;
        private final StateDict weights;

        W(SameDiff sd, StateDict weights) {
            this.sd = sd;
            this.weights = weights;
        }

        SDVariable get(String name, long... shape) {
            float[] data = weights.floats(name, shape);
            INDArray arr = Nd4j.create(data, shape, 'c');
            return sd.var(name, arr);
        }
    }

}
