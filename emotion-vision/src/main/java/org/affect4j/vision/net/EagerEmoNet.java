package org.affect4j.vision.net;

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
        foldedConv("conv1.", "bn1.", 3, 64, 7, 2, 3);
        convBlockWeights("conv2.", 64, 128);
        convBlockWeights("conv3.", 128, 128);
        convBlockWeights("conv4.", 128, 256);
        for (int i = 0; i < EmoNet.STACKS; i++) {
            hourglassWeights("m" + i + ".", EmoNet.DEPTH);
            convBlockWeights("top_m_" + i + ".", 256, 256);
            foldedConv("conv_last" + i + ".", "bn_end" + i + ".", 256, 256, 1, 1, 0);
            conv("l" + i + ".", 256, EmoNet.N_LANDMARKS, 1, 1, 0, true);
            if (i < EmoNet.STACKS - 1) {
                conv("bl" + i + ".", 256, 256, 1, 1, 0, true);
                conv("al" + i + ".", EmoNet.N_LANDMARKS, 256, 1, 1, 0, true);
            }
        }
        conv("conv1x1_input_emo_2.", 256 * (EmoNet.STACKS + 1), 256, 1, 1, 0, true);
        for (int b = 0; b < 4; b++) {
            convBlockWeights("emo_net_2." + (2 * b) + ".", 256, 256);
        }
        // Linear 256→128 with BatchNorm1d folded in, then Linear 128→10; stored transposed (in, out)
        float[] lw = w.floats("emo_fc_2.0.weight", 128, 256);
        float[] lb = w.floats("emo_fc_2.0.bias", 128);
        float[] mean = w.floats("emo_fc_2.1.running_mean", 128);
        float[] var = w.floats("emo_fc_2.1.running_var", 128);
        float[] gamma = w.floats("emo_fc_2.1.weight", 128);
        float[] beta = w.floats("emo_fc_2.1.bias", 128);
        float[] t1 = new float[256 * 128];
        float[] b1 = new float[128];
        for (int o = 0; o < 128; o++) {
            double s = gamma[o] / Math.sqrt((double) var[o] + 1e-5);
            for (int i = 0; i < 256; i++) {
                t1[i * 128 + o] = (float) (lw[o * 256 + i] * s);
            }
            b1[o] = (float) ((lb[o] - (double) mean[o]) * s + beta[o]);
        }
        fc1T = keep(Nd4j.create(t1, new long[] {256, 128}, 'c'));
        fc1Bias = keep(EagerSupport.row(b1));
        int out = EmoNet.N_EXPRESSION + 2;
        fc2T = keep(EagerSupport.transposed(w.floats("emo_fc_2.3.weight", out, 128), out, 128));
        fc2Bias = keep(EagerSupport.row(w.floats("emo_fc_2.3.bias", out)));
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
        INDArray h = Transforms.relu(conv(x, "conv1."), false);
        h = Nd4j.cnn().maxPooling2d(convBlock(h, "conv2.", 64, 128), MAX2);
        h = convBlock(convBlock(h, "conv3.", 128, 128), "conv4.", 128, 256);
        INDArray previous = h;
        INDArray[] features = new INDArray[EmoNet.STACKS];
        INDArray heat = null;
        for (int i = 0; i < EmoNet.STACKS; i++) {
            INDArray ll = convBlock(hourglass(previous, "m" + i + ".", EmoNet.DEPTH), "top_m_" + i + ".", 256, 256);
            ll = Transforms.relu(conv(ll, "conv_last" + i + "."), false);
            heat = conv(ll, "l" + i + ".");
            if (i < EmoNet.STACKS - 1) {
                ll = conv(ll, "bl" + i + ".");
                previous = previous.add(ll).addi(conv(heat, "al" + i + "."));
            }
            features[i] = ll;
        }
        INDArray attention = heat.sum(CHANNELS).reshape('c', heat.length() / EmoNet.N_LANDMARKS, 1); // (B·64·64, 1)
        INDArray attended = Nd4j.concat(CHANNELS, features);                                       // (B, 64, 64, 512)
        attended.reshape('c', attention.length(), 256 * EmoNet.STACKS).muliColumnVector(attention);
        INDArray feat = conv(Nd4j.concat(CHANNELS, h, attended), "conv1x1_input_emo_2.");
        for (int b = 0; b < 4; b++) {
            feat = Nd4j.cnn().maxPooling2d(convBlock(feat, "emo_net_2." + (2 * b) + ".", 256, 256), MAX2);
        }
        feat = Nd4j.cnn().avgPooling2d(feat, AVG4).reshape('c', n, 256);
        INDArray fc = Transforms.relu(Nd4j.matmul(feat, fc1T).addiRowVector(fc1Bias), false);
        return Nd4j.matmul(fc, fc2T).addiRowVector(fc2Bias);
    }

    private INDArray hourglass(INDArray x, String p, int level) {
        INDArray up = convBlock(x, p + "b1_" + level + ".", 256, 256);
        INDArray low = convBlock(Nd4j.cnn().maxPooling2d(x, MAX2), p + "b2_" + level + ".", 256, 256);
        low = level > 1 ? hourglass(low, p, level - 1) : convBlock(low, p + "b2_plus_1.", 256, 256);
        low = convBlock(low, p + "b3_" + level + ".", 256, 256);
        return up.addi(Nd4j.cnn().upsampling2d(low, 2, 2, false));
    }

    /** Pre-activation ConvBlock: concat of three BN → ReLU → conv 3×3 steps (½, ¼, ¼ width) plus the shortcut. */
    private INDArray convBlock(INDArray x, String p, int cin, int cout) {
        INDArray a = conv(bnRelu(x, p + "bn1."), p + "conv1.");
        INDArray b = conv(bnRelu(a, p + "bn2."), p + "conv2.");
        INDArray c = conv(bnRelu(b, p + "bn3."), p + "conv3.");
        INDArray skip = cin == cout ? x : conv(bnRelu(x, p + "downsample.0."), p + "downsample.2.");
        return Nd4j.concat(CHANNELS, a, b, c).addi(skip);
    }

    private INDArray bnRelu(INDArray x, String prefix) {
        Norm n = norms.get(prefix);
        return Transforms.relu(Nd4j.nn().batchNorm(x, n.mean, n.var, n.gamma, n.beta, 1e-5, CHANNELS), false);
    }

    private INDArray conv(INDArray x, String prefix) {
        Conv c = convs.get(prefix);
        return c.bias == null ? Nd4j.cnn().conv2d(x, c.weight, c.config) : Nd4j.cnn().conv2d(x, c.weight, c.bias, c.config);
    }

    // ---- weights ----

    private void hourglassWeights(String p, int level) {
        convBlockWeights(p + "b1_" + level + ".", 256, 256);
        convBlockWeights(p + "b2_" + level + ".", 256, 256);
        if (level > 1) {
            hourglassWeights(p, level - 1);
        } else {
            convBlockWeights(p + "b2_plus_1.", 256, 256);
        }
        convBlockWeights(p + "b3_" + level + ".", 256, 256);
    }

    private void convBlockWeights(String p, int cin, int cout) {
        int half = cout / 2;
        int quarter = cout / 4;
        norm(p + "bn1.", cin);
        conv(p + "conv1.", cin, half, 3, 1, 1, false);
        norm(p + "bn2.", half);
        conv(p + "conv2.", half, quarter, 3, 1, 1, false);
        norm(p + "bn3.", quarter);
        conv(p + "conv3.", quarter, quarter, 3, 1, 1, false);
        if (cin != cout) {
            norm(p + "downsample.0.", cin);
            conv(p + "downsample.2.", cin, cout, 1, 1, 0, false);
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
