package org.affect4j.vision.net;

import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.EagerSupport;
import org.affect4j.core.nn.StrictWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * face-api.js's {@code TinyFaceDetector} network on ND4J (eager, NHWC): a Tiny-YOLO v2 with depthwise-separable
 * convolutions — conv 3×3 (3 → 16, {@code 'valid'}) + leaky ReLU, then five separable convolutions (32, 64, 128, 256,
 * 512; each zero-padded by one, leaky ReLU) with 2×2 max pools between them ({@code 'same'}; stride 2, the last
 * stride 1), then a 1×1 convolution to 5 anchors × (x, y, w, h, score). For an input of side {@code s} (a multiple of
 * 32) the output grid is {@code s / 32} cells square, 25 values per cell.
 *
 * <p>Input: RGB 0..255, already padded to a square and resized to {@code s × s}; the mean RGB (117.001, 114.697,
 * 97.404) is subtracted and the result divided by 255 here, as face-api's {@code TinyYolov2Base.forwardInput}. Box
 * decoding and non-maximum suppression live in {@link org.affect4j.vision.face.TinyFaceDetector}.
 *
 * <p>Thread-safe: weights are read-only after construction; every call runs in a per-thread workspace.
 */
public final class TinyFaceNet implements AutoCloseable {

    /** Values per grid cell: 5 anchors × (x, y, w, h, score). */
    public static final int CELL_VALUES = 25;
    private static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    private static final int[] CHANNELS = {16, 32, 64, 128, 256, 512};

    private static final Conv2DConfig FIRST = Nhwc.conv(3, 1, false);
    private static final Conv2DConfig DEPTH = Nhwc.conv(3, 1, true);
    private static final Pooling2DConfig POOL2 = Nhwc.maxPool(2, 2, true);
    private static final Pooling2DConfig POOL1 = Nhwc.maxPool(2, 1, true);

    private final String workspaceId = "affect4j-tinyface-" + System.identityHashCode(this);
    private final Nhwc.Owned owned = new Nhwc.Owned();
    private final INDArray conv0;
    private final INDArray conv0Bias;
    private final INDArray[][] sep = new INDArray[5][];
    private final INDArray conv8;
    private final INDArray conv8Bias;

    private TinyFaceNet(StateDict weights) {
        StrictWeights w = new StrictWeights(weights);
        conv0 = owned.keep(Nhwc.array(w.floats("conv0/filters", 3, 3, 3, 16), 3, 3, 3, 16));
        conv0Bias = owned.keep(Nhwc.array(w.floats("conv0/bias", 16), 16));
        for (int i = 1; i <= 5; i++) {
            int cin = CHANNELS[i - 1];
            int cout = CHANNELS[i];
            String p = "conv" + i + "/";
            sep[i - 1] = new INDArray[] {
                owned.keep(Nhwc.array(w.floats(p + "depthwise_filter", 3, 3, cin, 1), 3, 3, cin, 1)),
                owned.keep(Nhwc.array(w.floats(p + "pointwise_filter", 1, 1, cin, cout), cin, cout)),
                owned.keep(Nhwc.array(w.floats(p + "bias", cout), 1, cout)),
            };
        }
        conv8 = owned.keep(Nhwc.array(w.floats("conv8/filters", 1, 1, 512, CELL_VALUES), 512, CELL_VALUES));
        conv8Bias = owned.keep(Nhwc.array(w.floats("conv8/bias", CELL_VALUES), 1, CELL_VALUES));
        w.finish();
    }

    /** Builds the network from the {@code tiny_face_detector_model} weights (strict). */
    public static TinyFaceNet create(StateDict weights) {
        Objects.requireNonNull(weights, "weights");
        return EagerSupport.prepare(() -> new TinyFaceNet(weights));
    }

    /**
     * The output grid for {@code n} square RGB images of side {@code size} (0..255, HWC, back to back): per image
     * {@code (size/32)² × 25} values, row-major over (row, column, anchor, value).
     *
     * @throws IllegalArgumentException if {@code size} is not a positive multiple of 32 or the length is wrong
     */
    public float[][] forward(float[] rgb, int n, int size) {
        Objects.requireNonNull(rgb, "rgb");
        if (size < 32 || size % 32 != 0) {
            throw new IllegalArgumentException("input size must be a positive multiple of 32, got " + size);
        }
        if (n < 1 || rgb.length != (long) n * size * size * 3) {
            throw new IllegalArgumentException("expected " + n + " images of " + size + "x" + size + "x3 = "
                    + ((long) n * size * size * 3) + " values, got " + rgb.length);
        }
        if (owned.closed()) {
            throw new IllegalStateException("network is closed");
        }
        float[] x = new float[rgb.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (rgb[i] - MEAN_RGB[i % 3]) / 255f;
        }
        return EagerSupport.inWorkspace(workspaceId, () -> {
            INDArray out = Nhwc.leaky(Nhwc.conv2d(Nd4j.create(x, new long[] {n, size, size, 3}, 'c'), conv0, conv0Bias, FIRST));
            for (int i = 0; i < 5; i++) {
                out = Nd4j.cnn().maxPooling2d(out, POOL2);
                out = separable(out, sep[i]);
                if (i == 4) {
                    out = Nd4j.cnn().maxPooling2d(out, POOL1);
                }
            }
            INDArray grid = Nhwc.pointwise(out, conv8, conv8Bias);
            return grid.reshape('c', n, grid.length() / n);
        });
    }

    private static INDArray separable(INDArray x, INDArray[] p) {
        return Nhwc.leaky(Nhwc.pointwise(Nhwc.depthwise(x, p[0], DEPTH), p[1], p[2]));
    }

    @Override
    public void close() {
        owned.close();
    }
}
