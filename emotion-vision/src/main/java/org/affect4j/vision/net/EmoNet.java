package org.affect4j.vision.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * EmoNet (Toisoul et al. 2021) as a SameDiff graph: a face-alignment network of 2 stacked hourglasses whose
 * features, weighted by the landmark heatmaps, feed an emotion head (8 expression logits, valence, arousal).
 *
 * <pre>
 * (B, 3, 256, 256) in [0, 1]
 *  conv 7×7/2 → BN → ReLU → ConvBlock 64→128 → max-pool 2 → ConvBlock 128→128 → ConvBlock 128→256   (64×64)
 *  2 × [hourglass (depth 4) → ConvBlock → conv 1×1 → BN → ReLU → heatmap conv 1×1 (68)]
 *      between stacks: next = previous + conv1×1(features) + conv1×1(heatmap)
 *  attention = channel-sum of the last heatmap × concat(stack features)  → concat with the pre-hourglass features (768)
 *  conv 1×1 → 4 × (ConvBlock + max-pool 2) → avg-pool 4 → Linear 256→128 → BN → ReLU → Linear 128→10
 * </pre>
 *
 * ConvBlock = three pre-activation (BN → ReLU → conv 3×3, no bias) steps of widths ½, ¼, ¼ concatenated, plus
 * a BN → ReLU → conv 1×1 shortcut when the widths differ. State-dict names follow {@code emonet_8.pth}.
 */
public final class EmoNet {

    public static final String INPUT = "frames";
    public static final String EXPRESSION = "expression";
    public static final String VALENCE = "valence";
    public static final String AROUSAL = "arousal";
    public static final String HEATMAP = "heatmap";
    public static final int SIZE = 256;
    public static final int N_EXPRESSION = 8;
    public static final int N_LANDMARKS = 68;
    /** Hourglass stacks and the depth of each (the face-alignment network's architecture, read by both engines). */
    static final int STACKS = 2;
    static final int DEPTH = 4;

    private EmoNet() {
    }

    /**
     * Builds the inference graph from {@code weights} (names without a prefix: {@code conv1.weight}, …; strict).
     * Placeholder {@value #INPUT} (float32 (B, 3, 256, 256), values in [0, 1]); outputs {@value #EXPRESSION}
     * (B, 8), {@value #VALENCE} (B), {@value #AROUSAL} (B), {@value #HEATMAP} (B, 68, 64, 64).
     */
    public static SameDiff build(StateDict weights) {
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, Objects.requireNonNull(weights, "weights"));
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, 3, SIZE, SIZE);
        defineInto(w, x);
        w.finish("num_batches_tracked");
        return sd;
    }

    /** Adds EmoNet's layers to {@code w}'s graph on input {@code x}; returns the (B, 10) head output. */
    static SDVariable defineInto(GraphWeights w, SDVariable x) {
        SDVariable out = emotionHead(w, faceFeatures(w, x), w::batchNorm);
        SameDiff sd = w.sameDiff();
        sd.identity(EXPRESSION, out.get(org.nd4j.autodiff.samediff.SDIndex.all(),
                org.nd4j.autodiff.samediff.SDIndex.interval(0, N_EXPRESSION)));
        sd.identity(VALENCE, out.get(org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.point(N_EXPRESSION)));
        sd.identity(AROUSAL, out.get(org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.point(N_EXPRESSION + 1)));
        return out;
    }

    /** Channels of the face-alignment features the emotion head reads (pre-hourglass 256 + 2 attended stacks × 256). */
    public static final int FEATURE_CHANNELS = 256 * (STACKS + 1);
    /** Height and width of those features. */
    public static final int FEATURE_SIZE = SIZE / 4;
    /** State-dict prefixes of the emotion head; every other tensor belongs to the face-alignment network (FAN). */
    public static final List<String> HEAD_PREFIXES = List.of("conv1x1_input_emo_2.", "emo_net_2.", "emo_fc_2.");

    /**
     * The face-alignment network (frozen in the seed): (B, 3, 256, 256) → the attention-weighted features
     * (B, {@value #FEATURE_CHANNELS}, 64, 64) the emotion head reads; also names the last heatmap {@value #HEATMAP}.
     */
    static SDVariable faceFeatures(GraphWeights w, SDVariable x) {
        SameDiff sd = w.sameDiff();
        SDVariable h = relu(sd, w.batchNorm(w.conv2d(x, "conv1.", 3, 64, 7, 2, 3, true), "bn1.", 64));
        h = maxPool(sd, convBlock(w, h, "conv2.", 64, 128, w::batchNorm), 2);
        h = convBlock(w, convBlock(w, h, "conv3.", 128, 128, w::batchNorm), "conv4.", 128, 256, w::batchNorm);
        SDVariable previous = h;
        List<SDVariable> features = new ArrayList<>();
        SDVariable heat = null;
        for (int i = 0; i < STACKS; i++) {
            SDVariable ll = convBlock(w, hourglass(w, previous, "m" + i + ".", DEPTH), "top_m_" + i + ".", 256, 256, w::batchNorm);
            ll = relu(sd, w.batchNorm(w.conv2d(ll, "conv_last" + i + ".", 256, 256, 1, 1, 0, true), "bn_end" + i + ".", 256));
            heat = w.conv2d(ll, "l" + i + ".", 256, N_LANDMARKS, 1, 1, 0, true);
            if (i < STACKS - 1) {
                ll = w.conv2d(ll, "bl" + i + ".", 256, 256, 1, 1, 0, true);
                previous = previous.add(ll).add(w.conv2d(heat, "al" + i + ".", N_LANDMARKS, 256, 1, 1, 0, true));
            }
            features.add(ll);
        }
        sd.identity(HEATMAP, heat);
        SDVariable attention = heat.sum(true, 1); // (B, 1, 64, 64)
        SDVariable attended = sd.concat(1, features.toArray(new SDVariable[0])).mul(attention);
        return sd.concat(1, h, attended);
    }

    /**
     * The emotion head on face-alignment features (B, 768, 64, 64) → (B, 10) (8 expression logits, valence, arousal),
     * with {@code norm} for its batch norms (eval mode for inference, batch statistics for training).
     */
    static SDVariable emotionHead(GraphWeights w, SDVariable features, Norm norm) {
        SameDiff sd = w.sameDiff();
        SDVariable feat = w.conv2d(features, "conv1x1_input_emo_2.", FEATURE_CHANNELS, 256, 1, 1, 0, true);
        for (int b = 0; b < 4; b++) {
            feat = maxPool(sd, convBlock(w, feat, "emo_net_2." + (2 * b) + ".", 256, 256, norm), 2);
        }
        feat = sd.cnn().avgPooling2d(feat, Pooling2DConfig.builder().kH(4).kW(4).sH(4).sW(4).isNHWC(false).build());
        feat = sd.reshape(feat, -1, 256);
        SDVariable fc = relu(sd, norm.apply(w.linear(feat, "emo_fc_2.0.", 256, 128), "emo_fc_2.1.", 128));
        return w.linear(fc, "emo_fc_2.3.", 128, N_EXPRESSION + 2);
    }

    /** A batch norm over axis 1 of a 2-D or 4-D activation, by state-dict prefix. */
    @FunctionalInterface
    interface Norm {
        SDVariable apply(SDVariable x, String prefix, int channels);
    }

    private static SDVariable hourglass(GraphWeights w, SDVariable x, String p, int level) {
        SameDiff sd = w.sameDiff();
        SDVariable up = convBlock(w, x, p + "b1_" + level + ".", 256, 256, w::batchNorm);
        SDVariable low = convBlock(w, maxPool(sd, x, 2), p + "b2_" + level + ".", 256, 256, w::batchNorm);
        low = level > 1 ? hourglass(w, low, p, level - 1) : convBlock(w, low, p + "b2_plus_1.", 256, 256, w::batchNorm);
        low = convBlock(w, low, p + "b3_" + level + ".", 256, 256, w::batchNorm);
        return up.add(sd.cnn().upsampling2d(low, 2, 2, true));
    }

    private static SDVariable convBlock(GraphWeights w, SDVariable x, String p, int cin, int cout, Norm norm) {
        SameDiff sd = w.sameDiff();
        int half = cout / 2;
        int quarter = cout / 4;
        SDVariable a = w.conv2d(relu(sd, norm.apply(x, p + "bn1.", cin)), p + "conv1.", cin, half, 3, 1, 1, false);
        SDVariable b = w.conv2d(relu(sd, norm.apply(a, p + "bn2.", half)), p + "conv2.", half, quarter, 3, 1, 1, false);
        SDVariable c = w.conv2d(relu(sd, norm.apply(b, p + "bn3.", quarter)), p + "conv3.", quarter, quarter, 3, 1, 1, false);
        SDVariable skip = cin == cout ? x
                : w.conv2d(relu(sd, norm.apply(x, p + "downsample.0.", cin)), p + "downsample.2.", cin, cout, 1, 1, 0, false);
        return sd.concat(1, a, b, c).add(skip);
    }

    private static SDVariable relu(SameDiff sd, SDVariable x) {
        return sd.nn().relu(x, 0);
    }

    private static SDVariable maxPool(SameDiff sd, SDVariable x, int k) {
        return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(k).kW(k).sH(k).sW(k).isNHWC(false).build());
    }
}
