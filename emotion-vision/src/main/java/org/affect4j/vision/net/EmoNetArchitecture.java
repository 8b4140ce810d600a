package org.affect4j.vision.net;

/**
 * EmoNet (face-alignment hourglass network + emotion head), declared once: its sizes and its PyTorch state-dict
 * names, read by both engines — the SameDiff graph ({@link EmoNet}) and the eager forward pass ({@link EagerEmoNet});
 * {@link EmoNetLstm.FrameRunner#create} picks the engine.
 *
 * <pre>
 * frames (B, 3, 256, 256)
 *  → stem: conv 7×7/2 + BN → ConvBlock 64→128 → max-pool 2 → ConvBlock 128→128 → ConvBlock 128→256
 *  → 2 stacked hourglasses (depth 4), each → ConvBlock → conv 1×1 + BN → 68 landmark heatmaps (l), fed back (bl, al)
 *  → features: stem ⊕ (hourglass outputs × Σ heatmaps) = 768 channels at 64 × 64
 *  → head: conv 1×1 768→256 → 4 × [ConvBlock → max-pool 2] → avg-pool 4 → Linear 256→128 + BN → ReLU → Linear 128→10
 *    (8 expression logits, valence, arousal)
 * </pre>
 *
 * A ConvBlock ({@code prefix}) is pre-activation: {@code bn1 → conv1 (½ width)}, {@code bn2 → conv2 (¼)},
 * {@code bn3 → conv3 (¼)}, concatenated, plus the shortcut ({@code downsample.0} BN → {@code downsample.2} conv 1×1)
 * when the width changes.
 */
final class EmoNetArchitecture {

    /** Hourglass stacks and the depth of each. */
    static final int STACKS = 2;
    static final int DEPTH = 4;
    /** Width of the hourglasses, the heatmap features and the emotion head. */
    static final int WIDTH = 256;
    /** Emotion head: ConvBlock + pooling steps, hidden units of its first linear layer. */
    static final int HEAD_BLOCKS = 4;
    static final int HIDDEN = 128;
    /** Epsilon of every batch norm. */
    static final double EPS = 1e-5;

    /** Stem: the 7×7 convolution and its batch norm, then three ConvBlocks (64→128, 128→128, 128→256). */
    static final String STEM_CONV = "conv1.";
    static final String STEM_NORM = "bn1.";
    static final String STEM_BLOCK_1 = "conv2.";
    static final String STEM_BLOCK_2 = "conv3.";
    static final String STEM_BLOCK_3 = "conv4.";

    /** Emotion head names: input 1×1 convolution, the first linear layer, its batch norm, the output layer. */
    static final String HEAD_INPUT = "conv1x1_input_emo_2.";
    static final String HEAD_BLOCKS_PREFIX = "emo_net_2.";
    static final String HEAD_FC_PREFIX = "emo_fc_2.";
    static final String HEAD_FC1 = HEAD_FC_PREFIX + "0.";
    static final String HEAD_FC1_NORM = HEAD_FC_PREFIX + "1.";
    static final String HEAD_FC2 = HEAD_FC_PREFIX + "3.";

    /** ConvBlock parts, after the block's prefix. */
    static final String[] BLOCK_NORMS = {"bn1.", "bn2.", "bn3."};
    static final String[] BLOCK_CONVS = {"conv1.", "conv2.", "conv3."};
    static final String SHORTCUT_NORM = "downsample.0.";
    static final String SHORTCUT_CONV = "downsample.2.";

    private EmoNetArchitecture() {
    }

    /** Hourglass {@code i}'s prefix. */
    static String hourglassPrefix(int i) {
        return "m" + i + ".";
    }

    /** An hourglass level's ConvBlocks, after the hourglass prefix: upper branch, lower branch in, lowest, lower out. */
    static String upper(int level) {
        return "b1_" + level + ".";
    }

    static String lowerIn(int level) {
        return "b2_" + level + ".";
    }

    static final String LOWEST = "b2_plus_1.";

    static String lowerOut(int level) {
        return "b3_" + level + ".";
    }

    /** After hourglass {@code i}: its ConvBlock, 1×1 convolution + batch norm, heatmap layer and the two feedback layers. */
    static String top(int i) {
        return "top_m_" + i + ".";
    }

    static String lastConv(int i) {
        return "conv_last" + i + ".";
    }

    static String lastNorm(int i) {
        return "bn_end" + i + ".";
    }

    static String heatmaps(int i) {
        return "l" + i + ".";
    }

    static String back(int i) {
        return "bl" + i + ".";
    }

    static String heatmapsBack(int i) {
        return "al" + i + ".";
    }

    /** The emotion head's ConvBlock {@code b} (0..3). */
    static String headBlock(int b) {
        return HEAD_BLOCKS_PREFIX + 2 * b + ".";
    }
}
