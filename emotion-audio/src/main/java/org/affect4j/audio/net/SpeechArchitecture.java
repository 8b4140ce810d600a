package org.affect4j.audio.net;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's speech network ("ParallelCnnTransformer"), declared once: its sizes and its PyTorch state-dict names.
 * Both engines read it — the SameDiff graph ({@link SpeechNet}) and the eager forward pass ({@link EagerSpeechNet}) —
 * and {@link SpeechNetworks} picks the engine.
 *
 * <pre>
 * input (B, 1, 128 mel, 563 frames)
 *  ├─ CNN: 4 × [conv 3×3 pad 1 → BatchNorm → ReLU → max-pool 2,4,4,4] → (B, 64, 1, 4) → flatten → 256
 *  └─ max-pool (2, 4) → (B, 64 mel, 140 t) → (B, 140, 64) → 4 × post-LN TransformerEncoderLayer
 *       (d_model 64, 4 heads, ff 512, ReLU, LayerNorm eps 1e-5) → mean over time → 64
 * concat [256, 64] → Linear(320, 8) → logits (seed label order)
 * </pre>
 */
public final class SpeechArchitecture {

    /** Mel bands of the input. */
    public static final int N_MELS = 128;
    /** Frames of the input (3 s at 48 kHz, hop 256). */
    public static final int N_FRAMES = 563;
    /** Output classes (the seed's eight emotions). */
    public static final int N_CLASSES = 8;
    /** Per CNN stage: input channels, output channels, max-pool size. */
    static final int[][] STAGES = {{1, 16, 2}, {16, 32, 4}, {32, 64, 4}, {64, 64, 4}};
    /** Transformer width, sequence length after the (2, 4) pooling, heads, feed-forward width, layers. */
    static final int D_MODEL = 64;
    static final int SEQ = 140;
    static final int HEADS = 4;
    static final int HEAD_DIM = D_MODEL / HEADS;
    static final int FF = 512;
    static final int LAYERS = 4;
    /** Epsilon of the batch and layer norms. */
    static final double EPS = 1e-5;
    /** Features of the CNN branch after flattening, and of both branches concatenated. */
    static final int CNN_FEATURES = 256;
    static final int FEATURES = CNN_FEATURES + D_MODEL;
    /** State-dict prefix of the output layer. */
    static final String OUT = "out_linear.";

    private SpeechArchitecture() {
    }

    /** State-dict prefix of CNN stage {@code s}'s convolution. */
    static String conv(int s) {
        return "conv2Dblock." + 5 * s + ".";
    }

    /** State-dict prefix of CNN stage {@code s}'s batch norm. */
    static String batchNorm(int s) {
        return "conv2Dblock." + (5 * s + 1) + ".";
    }

    /** State-dict prefix of Transformer encoder layer {@code l}. */
    static String encoderLayer(int l) {
        return "transf_encoder.layers." + l + ".";
    }

    /**
     * Every tensor of the network's state dict with its shape, in PyTorch's order (batch-norm
     * {@code num_batches_tracked} counters excluded).
     */
    public static Map<String, long[]> parameterShapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (int s = 0; s < STAGES.length; s++) {
            int cin = STAGES[s][0];
            int cout = STAGES[s][1];
            m.put(conv(s) + "weight", new long[] {cout, cin, 3, 3});
            m.put(conv(s) + "bias", new long[] {cout});
            for (String t : new String[] {"weight", "bias", "running_mean", "running_var"}) {
                m.put(batchNorm(s) + t, new long[] {cout});
            }
        }
        for (int l = 0; l < LAYERS; l++) {
            String p = encoderLayer(l);
            m.put(p + "self_attn.in_proj_weight", new long[] {3 * D_MODEL, D_MODEL});
            m.put(p + "self_attn.in_proj_bias", new long[] {3 * D_MODEL});
            m.put(p + "self_attn.out_proj.weight", new long[] {D_MODEL, D_MODEL});
            m.put(p + "self_attn.out_proj.bias", new long[] {D_MODEL});
            m.put(p + "linear1.weight", new long[] {FF, D_MODEL});
            m.put(p + "linear1.bias", new long[] {FF});
            m.put(p + "linear2.weight", new long[] {D_MODEL, FF});
            m.put(p + "linear2.bias", new long[] {D_MODEL});
            m.put(p + "norm1.weight", new long[] {D_MODEL});
            m.put(p + "norm1.bias", new long[] {D_MODEL});
            m.put(p + "norm2.weight", new long[] {D_MODEL});
            m.put(p + "norm2.bias", new long[] {D_MODEL});
        }
        m.put(OUT + "weight", new long[] {N_CLASSES, FEATURES});
        m.put(OUT + "bias", new long[] {N_CLASSES});
        return m;
    }
}
