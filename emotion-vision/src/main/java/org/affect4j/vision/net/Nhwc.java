package org.affect4j.vision.net;

import java.util.List;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * TensorFlow's NHWC layer semantics on ND4J, for the networks converted from TensorFlow.js: convolutions with
 * TensorFlow's {@code 'same'} (extra padding row / column at the bottom / right) or {@code 'valid'} padding and
 * HWIO ({@code [kH, kW, in, out]}) filters, depthwise convolutions with {@code [kH, kW, in, 1]} filters, pointwise
 * (1×1) convolutions as one matrix product, pooling. Stateless.
 */
final class Nhwc {

    private Nhwc() {
    }

    /** A convolution's geometry: kernel, stride, padding mode. */
    static Conv2DConfig conv(int k, int stride, boolean same) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).dH(1).dW(1)
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO).build();
    }

    static Pooling2DConfig maxPool(int k, int stride, boolean same) {
        return Pooling2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).dH(1).dW(1)
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).isNHWC(true).build();
    }

    static Pooling2DConfig avgPool(int k, int stride) {
        return Pooling2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(true).build();
    }

    /** Convolution with HWIO filter and optional bias. */
    static INDArray conv2d(INDArray x, INDArray hwio, INDArray bias, Conv2DConfig c) {
        return bias == null ? Nd4j.cnn().conv2d(x, hwio, c) : Nd4j.cnn().conv2d(x, hwio, bias, c);
    }

    /** Depthwise convolution, filter {@code [k, k, C, 1]}, no bias. */
    static INDArray depthwise(INDArray x, INDArray filter, Conv2DConfig c) {
        return Nd4j.cnn().depthWiseConv2d(x, filter, c);
    }

    /** 1×1 convolution as {@code (B·H·W, C) × (C, O)}, plus an optional bias; {@code w} is {@code (C, O)}. */
    static INDArray pointwise(INDArray x, INDArray w, INDArray bias) {
        long[] s = x.shape();
        INDArray flat = x.reshape('c', s[0] * s[1] * s[2], s[3]);
        INDArray y = Nd4j.matmul(flat, w);
        if (bias != null) {
            y.addiRowVector(bias);
        }
        return y.reshape('c', s[0], s[1], s[2], w.size(1));
    }

    static INDArray relu(INDArray x) {
        return Transforms.relu(x, false);
    }

    /** face-api.js's leaky ReLU: {@code relu(x - 0.1x) + 0.1x} (slope 0.1). */
    static INDArray leaky(INDArray x) {
        INDArray min = x.mul(0.10000000149011612);
        return Transforms.relu(x.sub(min), false).addi(min);
    }

    /** Weights as an ND4J array of the given shape (C order, as TensorFlow stores them). */
    static INDArray array(float[] values, long... shape) {
        return Nd4j.create(values, shape, 'c');
    }

    /** The native arrays a network owns (its prepared weights), closed together once. Thread-safe. */
    static final class Owned {
        private final List<INDArray> arrays = new java.util.ArrayList<>();
        private volatile boolean closed;

        INDArray keep(INDArray a) {
            arrays.add(a);
            return a;
        }

        boolean closed() {
            return closed;
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                closeAll(arrays);
            }
        }
    }

    /** Closes arrays, ignoring nulls. */
    static void closeAll(List<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null) {
                a.close();
            }
        }
    }
}
