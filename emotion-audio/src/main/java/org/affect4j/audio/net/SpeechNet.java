package org.affect4j.audio.net;


import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
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
    private static final int SEQ = 140;
    private static final int HEADS = 4;
    private static final int FF = 512;
    private static final int LAYERS = 4;
    private static final double EPS = 1e-5;

    private SpeechNet() {
    }

    /**
     * Builds the inference graph with the weights of {@code weights} (strict: missing, unexpected or mis-shaped
     * tensors fail with a {@link org.affect4j.core.CheckpointException} naming them). Input placeholder {@value #INPUT}
     * (float32, (B, 1, 128, 563)), output {@value #LOGITS} (B, 8).
     */
    public static SameDiff build(StateDict weights) {
        Objects.requireNonNull(weights, "weights");
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, weights);
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, 1, N_MELS, N_FRAMES);

        // CNN branch
        SDVariable h = x;
        for (int s = 0; s < STAGES.length; s++) {
            int cin = STAGES[s][0];
            int cout = STAGES[s][1];
            int pool = STAGES[s][2];
            String conv = "conv2Dblock." + (5 * s) + ".";
            String bn = "conv2Dblock." + (5 * s + 1) + ".";
            h = w.conv2dBatchNorm(h, conv, bn, cin, cout, 3, 1, 1);
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
        sd.identity(LOGITS, w.linear(features, "out_linear.", 320, N_CLASSES));
        w.finish("num_batches_tracked");
        return sd;
    }

    /** x (B, T, E) → post-LN TransformerEncoderLayer → (B, T, E). */
    private static SDVariable encoderLayer(SameDiff sd, GraphWeights w, String p, SDVariable x) {
        int headDim = D_MODEL / HEADS;
        SDVariable flat = sd.reshape(x, -1, D_MODEL); // (B*T, E)
        SDVariable qkv = sd.mmul(flat, w.param(p + "self_attn.in_proj_weight", 3 * D_MODEL, D_MODEL), false, true, false)
                .add(w.param(p + "self_attn.in_proj_bias", 3 * D_MODEL)); // (B*T, 3E)
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
        SDVariable attnOut = w.linear(ctx, p + "self_attn.out_proj.", D_MODEL, D_MODEL);
        SDVariable h = layerNorm(flat.add(attnOut), w.param(p + "norm1.weight", D_MODEL), w.param(p + "norm1.bias", D_MODEL));
        SDVariable ff = sd.nn().relu(w.linear(h, p + "linear1.", D_MODEL, FF), 0);
        ff = w.linear(ff, p + "linear2.", FF, D_MODEL);
        SDVariable out = layerNorm(h.add(ff), w.param(p + "norm2.weight", D_MODEL), w.param(p + "norm2.bias", D_MODEL));
        return sd.reshape(out, -1, SEQ, D_MODEL); // back to (B, T, E)
    }

    /** (B*T, E) slice → (B, H, T, d); T is static (140), so no shape ops are needed. */
    private static SDVariable heads(SameDiff sd, SDVariable slice, SDVariable like, int headDim) {
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
