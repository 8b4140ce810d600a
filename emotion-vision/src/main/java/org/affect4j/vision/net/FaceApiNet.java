package org.affect4j.vision.net;

import java.util.List;
import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.EagerSupport;
import org.affect4j.core.nn.StrictWeights;
import org.affect4j.vision.face.RgbTensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * face-api.js's face-crop networks on ND4J (eager, NHWC): a densely connected feature extractor of depthwise-separable
 * convolutions and one fully connected layer. Three variants share the code, as in face-api.js:
 * <ul>
 *   <li>{@link Variant#EXPRESSION} — {@code FaceExpressionNet}: four dense blocks of four convolutions (32, 64, 128,
 *       256 channels, each block halving the resolution), 7×7 average pool, FC 256 → 7 logits in face-api's order
 *       neutral, happy, sad, angry, fearful, disgusted, surprised;</li>
 *   <li>{@link Variant#LANDMARKS_68} — {@code FaceLandmark68Net}: the same extractor, FC 256 → 136 (x, y of 68
 *       points relative to the padded square input);</li>
 *   <li>{@link Variant#LANDMARKS_68_TINY} — {@code FaceLandmark68TinyNet}: three dense blocks of three convolutions
 *       (32, 64, 128), 14×14 average pool, FC 128 → 136.</li>
 * </ul>
 * Input: a face crop of any size, RGB 0..255 ({@link RgbTensor}); it is padded to a square (centred, zeros),
 * resized bilinearly to 112×112, the mean RGB (122.782, 117.001, 104.298) subtracted and divided by 255 — face-api's
 * {@code toBatchTensor(112, true)} and {@code normalize}. Weights: the package's TensorFlow.js manifest, read with
 * {@link org.affect4j.core.checkpoint.TfjsWeights}, names as there ({@code dense0/conv0/filters}, {@code fc/weights}).
 *
 * <p>Thread-safe: weights are read-only after construction; every call runs in a per-thread workspace.
 */
public final class FaceApiNet implements AutoCloseable {

    /** Side of the network's square input. */
    public static final int SIZE = 112;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    /** Which face-api.js network the weights are. */
    public enum Variant {
        EXPRESSION(4, 256, 7, 7),
        LANDMARKS_68(4, 256, 136, 7),
        LANDMARKS_68_TINY(3, 128, 136, 14);

        final int blocks;
        final int features;
        final int outputs;
        final int pool;

        Variant(int blocks, int features, int outputs, int pool) {
            this.blocks = blocks;
            this.features = features;
            this.outputs = outputs;
            this.pool = pool;
        }

        /** Number of outputs per face (7 logits or 136 coordinates). */
        public int outputs() {
            return outputs;
        }
    }

    private static final Conv2DConfig FIRST = Nhwc.conv(3, 2, true);
    private static final Conv2DConfig DEPTH_S1 = Nhwc.conv(3, 1, true);
    private static final Conv2DConfig DEPTH_S2 = Nhwc.conv(3, 2, true);

    private final Variant variant;
    private final String workspaceId = "affect4j-faceapi-" + System.identityHashCode(this);
    private final Nhwc.Owned owned = new Nhwc.Owned();
    private final INDArray conv0Filters;
    private final INDArray conv0Bias;
    /** [block][conv] depthwise filter (null for block 0 conv 0), pointwise (C, O), bias. */
    private final INDArray[][][] sep;
    private final INDArray fcWeights;
    private final INDArray fcBias;
    private final Pooling2DConfig pool;

    private FaceApiNet(StateDict weights, Variant variant) {
        this.variant = variant;
        StrictWeights w = new StrictWeights(weights);
        int convsPerBlock = variant.blocks == 4 ? 4 : 3;
        int[] channels = variant.blocks == 4 ? new int[] {32, 64, 128, 256} : new int[] {32, 64, 128};
        conv0Filters = owned.keep(Nhwc.array(w.floats("dense0/conv0/filters", 3, 3, 3, 32), 3, 3, 3, 32));
        conv0Bias = owned.keep(Nhwc.array(w.floats("dense0/conv0/bias", 32), 32));
        sep = new INDArray[variant.blocks][convsPerBlock][];
        int in = 3;
        for (int b = 0; b < variant.blocks; b++) {
            int out = channels[b];
            for (int c = b == 0 ? 1 : 0; c < convsPerBlock; c++) {
                int cin = c == 0 ? in : out;
                String p = "dense" + b + "/conv" + c + "/";
                sep[b][c] = new INDArray[] {
                    owned.keep(Nhwc.array(w.floats(p + "depthwise_filter", 3, 3, cin, 1), 3, 3, cin, 1)),
                    owned.keep(Nhwc.array(w.floats(p + "pointwise_filter", 1, 1, cin, out), cin, out)),
                    owned.keep(Nhwc.array(w.floats(p + "bias", out), 1, out)),
                };
            }
            in = out;
        }
        fcWeights = owned.keep(Nhwc.array(w.floats("fc/weights", variant.features, variant.outputs), variant.features, variant.outputs));
        fcBias = owned.keep(Nhwc.array(w.floats("fc/bias", variant.outputs), 1, variant.outputs));
        w.finish();
        pool = Nhwc.avgPool(variant.pool, 2);
    }

    /** Builds the network from its weights (strict: every tensor present, shaped right, nothing left over). */
    public static FaceApiNet create(StateDict weights, Variant variant) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(variant, "variant");
        return EagerSupport.prepare(() -> new FaceApiNet(weights, variant));
    }

    public Variant variant() {
        return variant;
    }

    /** face-api's input for one crop: padded to a square (centred), resized to 112×112, normalised; HWC floats. */
    public static float[] input(RgbTensor crop) {
        Objects.requireNonNull(crop, "crop");
        if (crop.channels() != 3) {
            throw new IllegalArgumentException("face-api nets take RGB crops, got " + crop.channels() + " channels");
        }
        float[] x = crop.padToSquareResized(true, SIZE).values();
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - MEAN_RGB[i % 3]) / 255f;
        }
        return x;
    }

    /** Crops per pass through the network: longer lists run in chunks, which bounds native memory per call. */
    public static final int MAX_BATCH = 32;

    /** Raw outputs (7 logits or 136 relative coordinates) for each crop, in order; batched through the network. */
    public float[][] forward(List<RgbTensor> crops) {
        Objects.requireNonNull(crops, "crops");
        float[][] out = new float[crops.size()][];
        int per = SIZE * SIZE * 3;
        for (int from = 0; from < crops.size(); from += MAX_BATCH) {
            int n = Math.min(MAX_BATCH, crops.size() - from);
            float[] batch = new float[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(input(crops.get(from + i)), 0, batch, i * per, per);
            }
            System.arraycopy(forwardPrepared(batch, n), 0, out, from, n);
        }
        return out;
    }

    /**
     * Raw outputs for {@code n} prepared inputs ({@link #input}), {@code n × 112 × 112 × 3} floats back to back.
     *
     * @throws IllegalArgumentException if the length does not match {@code n}
     */
    public float[][] forwardPrepared(float[] inputs, int n) {
        Objects.requireNonNull(inputs, "inputs");
        if (n < 1 || inputs.length != (long) n * SIZE * SIZE * 3) {
            throw new IllegalArgumentException("expected " + n + " inputs of 112x112x3 = " + ((long) n * SIZE * SIZE * 3)
                    + " values, got " + inputs.length);
        }
        if (owned.closed()) {
            throw new IllegalStateException("network is closed");
        }
        return EagerSupport.inWorkspace(workspaceId, () -> head(Nd4j.create(inputs, new long[] {n, SIZE, SIZE, 3}, 'c'), n));
    }

    private INDArray head(INDArray x, int n) {
        INDArray out = x;
        for (int b = 0; b < variant.blocks; b++) {
            out = denseBlock(out, b);
        }
        INDArray pooled = Nd4j.cnn().avgPooling2d(out, pool).reshape('c', n, variant.features);
        return Nd4j.matmul(pooled, fcWeights).addiRowVector(fcBias);
    }

    /** face-api's denseBlock3 / denseBlock4: each convolution sees the sum of all earlier outputs of the block. */
    private INDArray denseBlock(INDArray x, int b) {
        INDArray out1 = b == 0
                ? Nhwc.relu(Nhwc.conv2d(x, conv0Filters, conv0Bias, FIRST))
                : Nhwc.relu(separable(x, sep[b][0], DEPTH_S2));
        INDArray out2 = separable(out1, sep[b][1], DEPTH_S1);
        INDArray sum = out1.add(out2);
        INDArray out3 = separable(Nhwc.relu(sum.dup()), sep[b][2], DEPTH_S1);
        sum.addi(out3);
        if (sep[b].length == 3) {
            return Nhwc.relu(sum);
        }
        INDArray out4 = separable(Nhwc.relu(sum.dup()), sep[b][3], DEPTH_S1);
        return Nhwc.relu(sum.addi(out4));
    }

    private static INDArray separable(INDArray x, INDArray[] p, Conv2DConfig depth) {
        return Nhwc.pointwise(Nhwc.depthwise(x, p[0], depth), p[1], p[2]);
    }

    @Override
    public void close() {
        owned.close();
    }
}
