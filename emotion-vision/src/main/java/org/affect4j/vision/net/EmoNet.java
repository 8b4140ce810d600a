package org.affect4j.vision.net;

import static org.affect4j.vision.net.EmoNetArchitecture.*;

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
    public static final int FEATURE_CHANNELS = WIDTH * (STACKS + 1);
    /** Height and width of those features. */
    public static final int FEATURE_SIZE = SIZE / 4;
    /** State-dict prefixes of the emotion head; every other tensor belongs to the face-alignment network (FAN). */
    public static final List<String> HEAD_PREFIXES = List.of(HEAD_INPUT, HEAD_BLOCKS_PREFIX, HEAD_FC_PREFIX);

    /**
     * The face-alignment network (frozen in the seed): (B, 3, 256, 256) → the attention-weighted features
     * (B, {@value #FEATURE_CHANNELS}, 64, 64) the emotion head reads; also names the last heatmap {@value #HEATMAP}.
     */
    static SDVariable faceFeatures(GraphWeights w, SDVariable x) {
        SameDiff sd = w.sameDiff();
        SDVariable h = relu(sd, w.batchNorm(w.conv2d(x, STEM_CONV, 3, 64, 7, 2, 3, true), STEM_NORM, 64));
        h = maxPool(sd, convBlock(w, h, STEM_BLOCK_1, 64, 128, w::batchNorm), 2);
        h = convBlock(w, convBlock(w, h, STEM_BLOCK_2, 128, 128, w::batchNorm), STEM_BLOCK_3, 128, WIDTH, w::batchNorm);
        SDVariable previous = h;
        List<SDVariable> features = new ArrayList<>();
        SDVariable heat = null;
        for (int i = 0; i < STACKS; i++) {
            SDVariable ll = convBlock(w, hourglass(w, previous, hourglassPrefix(i), DEPTH), top(i), WIDTH, WIDTH, w::batchNorm);
            ll = relu(sd, w.batchNorm(w.conv2d(ll, lastConv(i), WIDTH, WIDTH, 1, 1, 0, true), lastNorm(i), WIDTH));
            heat = w.conv2d(ll, heatmaps(i), WIDTH, N_LANDMARKS, 1, 1, 0, true);
            if (i < STACKS - 1) {
                ll = w.conv2d(ll, back(i), WIDTH, WIDTH, 1, 1, 0, true);
                previous = previous.add(ll).add(w.conv2d(heat, heatmapsBack(i), N_LANDMARKS, WIDTH, 1, 1, 0, true));
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
        SDVariable feat = w.conv2d(features, HEAD_INPUT, FEATURE_CHANNELS, WIDTH, 1, 1, 0, true);
        for (int b = 0; b < HEAD_BLOCKS; b++) {
            feat = maxPool(sd, convBlock(w, feat, headBlock(b), WIDTH, WIDTH, norm), 2);
        }
        feat = sd.cnn().avgPooling2d(feat, Pooling2DConfig.builder().kH(4).kW(4).sH(4).sW(4).isNHWC(false).build());
        feat = sd.reshape(feat, -1, WIDTH);
        SDVariable fc = relu(sd, norm.apply(w.linear(feat, HEAD_FC1, WIDTH, HIDDEN), HEAD_FC1_NORM, HIDDEN));
        return w.linear(fc, HEAD_FC2, HIDDEN, N_EXPRESSION + 2);
    }

    /** A batch norm over axis 1 of a 2-D or 4-D activation, by state-dict prefix. */
    @FunctionalInterface
    interface Norm {
        SDVariable apply(SDVariable x, String prefix, int channels);
    }

    private static SDVariable hourglass(GraphWeights w, SDVariable x, String p, int level) {
        SameDiff sd = w.sameDiff();
        SDVariable up = convBlock(w, x, p + upper(level), WIDTH, WIDTH, w::batchNorm);
        SDVariable low = convBlock(w, maxPool(sd, x, 2), p + lowerIn(level), WIDTH, WIDTH, w::batchNorm);
        low = level > 1 ? hourglass(w, low, p, level - 1) : convBlock(w, low, p + LOWEST, WIDTH, WIDTH, w::batchNorm);
        low = convBlock(w, low, p + lowerOut(level), WIDTH, WIDTH, w::batchNorm);
        return up.add(sd.cnn().upsampling2d(low, 2, 2, true));
    }

    private static SDVariable convBlock(GraphWeights w, SDVariable x, String p, int cin, int cout, Norm norm) {
        SameDiff sd = w.sameDiff();
        int half = cout / 2;
        int quarter = cout / 4;
        SDVariable a = w.conv2d(relu(sd, norm.apply(x, p + BLOCK_NORMS[0], cin)), p + BLOCK_CONVS[0], cin, half, 3, 1, 1, false);
        SDVariable b = w.conv2d(relu(sd, norm.apply(a, p + BLOCK_NORMS[1], half)), p + BLOCK_CONVS[1], half, quarter, 3, 1, 1, false);
        SDVariable c = w.conv2d(relu(sd, norm.apply(b, p + BLOCK_NORMS[2], quarter)), p + BLOCK_CONVS[2], quarter, quarter, 3, 1, 1, false);
        SDVariable skip = cin == cout ? x
                : w.conv2d(relu(sd, norm.apply(x, p + SHORTCUT_NORM, cin)), p + SHORTCUT_CONV, cin, cout, 1, 1, 0, false);
        return sd.concat(1, a, b, c).add(skip);
    }

    private static SDVariable relu(SameDiff sd, SDVariable x) {
        return sd.nn().relu(x, 0);
    }

    private static SDVariable maxPool(SameDiff sd, SDVariable x, int k) {
        return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(k).kW(k).sH(k).sW(k).isNHWC(false).build());
    }
}
