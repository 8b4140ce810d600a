package org.affect4j.vision.net;

import static org.affect4j.vision.net.EmoNetArchitecture.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.BlasThreads;
import org.affect4j.core.nn.EagerSupport;
import org.affect4j.core.nn.StrictWeights;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * EmoNet's inference forward pass executed op by op on ND4J: the same layers and weights as the SameDiff graph of
 * {@link EmoNet#build(StateDict)} (see there for the architecture), without a graph session, in NHWC layout (oneDNN's
 * convolutions measured 1.1–1.4× faster on NHWC than on NCHW here). Prepared at load time:
 * the batch norms that follow a convolution or linear layer ({@code bn1}, {@code bn_end*}, {@code emo_fc_2.1}) are
 * folded into it; the pre-activation batch norms inside the ConvBlocks run as one batch-norm op each. Every
 * intermediate lives in a per-thread ND4J workspace reset on each call, so native memory stays flat.
 *
 * <p>Thread-safe: weights are read-only after construction and workspaces are per thread. Creating it applies
 * Affect4J's process-wide BLAS thread setting ({@link BlasThreads}).
 */
public final class EagerEmoNet implements AutoCloseable {

    private static final Pooling2DConfig MAX2 = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(true).build();
    private static final Pooling2DConfig AVG4 = Pooling2DConfig.builder().kH(4).kW(4).sH(4).sW(4).isNHWC(true).build();
    private static final int CHANNELS = 3; // channel axis of NHWC activations

    private final String workspaceId = "affect4j-emonet-" + System.identityHashCode(this);
    private final StrictWeights w;
    private final Map<String, Conv> convs = new HashMap<>();
    private final Map<String, Norm> norms = new HashMap<>();
    private final List<INDArray> owned = new ArrayList<>();
    private final INDArray fc1T;
    private final INDArray fc1Bias;
    private final INDArray fc2T;
    private final INDArray fc2Bias;
    private volatile boolean closed;

    /** A convolution: OYXI weights, optional bias, its geometry (NHWC). */
    private record Conv(INDArray weight, INDArray bias, Conv2DConfig config) {
    }

    /** An eval-mode batch norm's parameters. */
    private record Norm(INDArray mean, INDArray var, INDArray gamma, INDArray beta) {
    }

    private EagerEmoNet(StateDict weights) {
        w = new StrictWeights(weights);
        foldedConv(STEM_CONV, STEM_NORM, 3, 64, 7, 2, 3);
        convBlockWeights(STEM_BLOCK_1, 64, 128);
        convBlockWeights(STEM_BLOCK_2, 128, 128);
        convBlockWeights(STEM_BLOCK_3, 128, WIDTH);
        for (int i = 0; i < STACKS; i++) {
            hourglassWeights(hourglassPrefix(i), DEPTH);
            convBlockWeights(top(i), WIDTH, WIDTH);
            foldedConv(lastConv(i), lastNorm(i), WIDTH, WIDTH, 1, 1, 0);
            conv(heatmaps(i), WIDTH, EmoNet.N_LANDMARKS, 1, 1, 0, true);
            if (i < STACKS - 1) {
                conv(back(i), WIDTH, WIDTH, 1, 1, 0, true);
                conv(heatmapsBack(i), EmoNet.N_LANDMARKS, WIDTH, 1, 1, 0, true);
            }
        }
        conv(HEAD_INPUT, EmoNet.FEATURE_CHANNELS, WIDTH, 1, 1, 0, true);
        for (int b = 0; b < HEAD_BLOCKS; b++) {
            convBlockWeights(headBlock(b), WIDTH, WIDTH);
        }
        // Linear 256→128 with BatchNorm1d folded in, then Linear 128→10; stored transposed (in, out)
        float[] lw = w.floats(HEAD_FC1 + "weight", HIDDEN, WIDTH);
        float[] lb = w.floats(HEAD_FC1 + "bias", HIDDEN);
        float[] mean = w.floats(HEAD_FC1_NORM + "running_mean", HIDDEN);
        float[] var = w.floats(HEAD_FC1_NORM + "running_var", HIDDEN);
        float[] gamma = w.floats(HEAD_FC1_NORM + "weight", HIDDEN);
        float[] beta = w.floats(HEAD_FC1_NORM + "bias", HIDDEN);
        float[] t1 = new float[256 * 128];
        float[] b1 = new float[128];
        for (int o = 0; o < 128; o++) {
            double s = gamma[o] / Math.sqrt((double) var[o] + EPS);
            for (int i = 0; i < 256; i++) {
                t1[i * 128 + o] = (float) (lw[o * 256 + i] * s);
            }
            b1[o] = (float) ((lb[o] - (double) mean[o]) * s + beta[o]);
        }
        fc1T = keep(Nd4j.create(t1, new long[] {256, 128}, 'c'));
        fc1Bias = keep(EagerSupport.row(b1));
        int out = EmoNet.N_EXPRESSION + 2;
        fc2T = keep(EagerSupport.transposed(w.floats(HEAD_FC2 + "weight", out, HIDDEN), out, HIDDEN));
        fc2Bias = keep(EagerSupport.row(w.floats(HEAD_FC2 + "bias", out)));
        w.finish("num_batches_tracked");
    }

    /** Prepares EmoNet from its state dict (names without a prefix, as {@link EmoNet#build}; strict). */
    public static EagerEmoNet create(StateDict weights) {
        Objects.requireNonNull(weights, "weights");
        return EagerSupport.prepare(() -> new EagerEmoNet(weights));
    }

    /**
     * Head outputs for {@code n} frames, float32 (n, 3, 256, 256) C-order values in [0, 1]: n rows of
     * 8 expression logits, valence, arousal.
     *
     * @throws IllegalArgumentException if the array length does not match {@code n}
     */
    public float[][] forward(float[] frames, int n) {
        Objects.requireNonNull(frames, "frames");
        long per = 3L * EmoNet.SIZE * EmoNet.SIZE;
        if (n < 1 || frames.length != n * per) {
            throw new IllegalArgumentException("expected " + n + " frames of 3x256x256 = " + (n * per) + " values, got " + frames.length);
        }
        if (closed) {
            throw new IllegalStateException("EmoNet is closed");
        }
        return EagerSupport.inWorkspace(workspaceId, () ->
                head(Nd4j.create(frames, new long[] {n, 3, EmoNet.SIZE, EmoNet.SIZE}, 'c').permute(0, 2, 3, 1).dup('c'), n));
    }

    private INDArray head(INDArray x, int n) {
        INDArray h = Transforms.relu(conv(x, STEM_CONV), false);
        h = Nd4j.cnn().maxPooling2d(convBlock(h, STEM_BLOCK_1, 64, 128), MAX2);
        h = convBlock(convBlock(h, STEM_BLOCK_2, 128, 128), STEM_BLOCK_3, 128, WIDTH);
        INDArray previous = h;
        INDArray[] features = new INDArray[STACKS];
        INDArray heat = null;
        for (int i = 0; i < STACKS; i++) {
            INDArray ll = convBlock(hourglass(previous, hourglassPrefix(i), DEPTH), top(i), WIDTH, WIDTH);
            ll = Transforms.relu(conv(ll, lastConv(i)), false);
            heat = conv(ll, heatmaps(i));
            if (i < STACKS - 1) {
                ll = conv(ll, back(i));
                previous = previous.add(ll).addi(conv(heat, heatmapsBack(i)));
            }
            features[i] = ll;
        }
        INDArray attention = heat.sum(CHANNELS).reshape('c', heat.length() / EmoNet.N_LANDMARKS, 1); // (B·64·64, 1)
        INDArray attended = Nd4j.concat(CHANNELS, features);                                       // (B, 64, 64, 512)
        attended.reshape('c', attention.length(), WIDTH * STACKS).muliColumnVector(attention);
        INDArray feat = conv(Nd4j.concat(CHANNELS, h, attended), HEAD_INPUT);
        for (int b = 0; b < HEAD_BLOCKS; b++) {
            feat = Nd4j.cnn().maxPooling2d(convBlock(feat, headBlock(b), WIDTH, WIDTH), MAX2);
        }
        feat = Nd4j.cnn().avgPooling2d(feat, AVG4).reshape('c', n, WIDTH);
        INDArray fc = Transforms.relu(Nd4j.matmul(feat, fc1T).addiRowVector(fc1Bias), false);
        return Nd4j.matmul(fc, fc2T).addiRowVector(fc2Bias);
    }

    private INDArray hourglass(INDArray x, String p, int level) {
        INDArray up = convBlock(x, p + upper(level), WIDTH, WIDTH);
        INDArray low = convBlock(Nd4j.cnn().maxPooling2d(x, MAX2), p + lowerIn(level), WIDTH, WIDTH);
        low = level > 1 ? hourglass(low, p, level - 1) : convBlock(low, p + LOWEST, WIDTH, WIDTH);
        low = convBlock(low, p + lowerOut(level), WIDTH, WIDTH);
        return up.addi(Nd4j.cnn().upsampling2d(low, 2, 2, false));
    }

    /** Pre-activation ConvBlock: concat of three BN → ReLU → conv 3×3 steps (½, ¼, ¼ width) plus the shortcut. */
    private INDArray convBlock(INDArray x, String p, int cin, int cout) {
        INDArray a = conv(bnRelu(x, p + BLOCK_NORMS[0]), p + BLOCK_CONVS[0]);
        INDArray b = conv(bnRelu(a, p + BLOCK_NORMS[1]), p + BLOCK_CONVS[1]);
        INDArray c = conv(bnRelu(b, p + BLOCK_NORMS[2]), p + BLOCK_CONVS[2]);
        INDArray skip = cin == cout ? x : conv(bnRelu(x, p + SHORTCUT_NORM), p + SHORTCUT_CONV);
        return Nd4j.concat(CHANNELS, a, b, c).addi(skip);
    }

    private INDArray bnRelu(INDArray x, String prefix) {
        Norm n = norms.get(prefix);
        return Transforms.relu(Nd4j.nn().batchNorm(x, n.mean, n.var, n.gamma, n.beta, EPS, CHANNELS), false);
    }

    private INDArray conv(INDArray x, String prefix) {
        Conv c = convs.get(prefix);
        return c.bias == null ? Nd4j.cnn().conv2d(x, c.weight, c.config) : Nd4j.cnn().conv2d(x, c.weight, c.bias, c.config);
    }

    // ---- weights ----

    private void hourglassWeights(String p, int level) {
        convBlockWeights(p + upper(level), WIDTH, WIDTH);
        convBlockWeights(p + lowerIn(level), WIDTH, WIDTH);
        if (level > 1) {
            hourglassWeights(p, level - 1);
        } else {
            convBlockWeights(p + LOWEST, WIDTH, WIDTH);
        }
        convBlockWeights(p + lowerOut(level), WIDTH, WIDTH);
    }

    private void convBlockWeights(String p, int cin, int cout) {
        int half = cout / 2;
        int quarter = cout / 4;
        norm(p + BLOCK_NORMS[0], cin);
        conv(p + BLOCK_CONVS[0], cin, half, 3, 1, 1, false);
        norm(p + BLOCK_NORMS[1], half);
        conv(p + BLOCK_CONVS[1], half, quarter, 3, 1, 1, false);
        norm(p + BLOCK_NORMS[2], quarter);
        conv(p + BLOCK_CONVS[2], quarter, quarter, 3, 1, 1, false);
        if (cin != cout) {
            norm(p + SHORTCUT_NORM, cin);
            conv(p + SHORTCUT_CONV, cin, cout, 1, 1, 0, false);
        }
    }

    private void norm(String prefix, int channels) {
        norms.put(prefix, new Norm(vector(prefix + "running_mean", channels), vector(prefix + "running_var", channels),
                vector(prefix + "weight", channels), vector(prefix + "bias", channels)));
    }

    private void conv(String prefix, int cin, int cout, int k, int stride, int pad, boolean bias) {
        INDArray weight = keep(EagerSupport.oyxi(w.floats(prefix + "weight", cout, cin, k, k), cout, cin, k));
        convs.put(prefix, new Conv(weight, bias ? vector(prefix + "bias", cout) : null, config(k, stride, pad)));
    }

    private void foldedConv(String convPrefix, String bnPrefix, int cin, int cout, int k, int stride, int pad) {
        float[][] f = w.foldedConvBatchNorm(convPrefix, bnPrefix, cin, cout, k);
        convs.put(convPrefix, new Conv(keep(EagerSupport.oyxi(f[0], cout, cin, k)),
                keep(Nd4j.create(f[1], new long[] {cout}, 'c')), config(k, stride, pad)));
    }

    private INDArray vector(String name, int n) {
        return keep(Nd4j.create(w.floats(name, n), new long[] {n}, 'c'));
    }

    private INDArray keep(INDArray a) {
        owned.add(a);
        return a;
    }

    private static Conv2DConfig config(int k, int stride, int pad) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                .dataFormat("NHWC").weightsFormat(WeightsFormat.OYXI).build();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (INDArray a : owned) {
            a.close();
        }
    }
}
