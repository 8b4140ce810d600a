package org.affect4j.core.checkpoint;

import java.util.Arrays;

/**
 * A tensor from a PyTorch checkpoint: a view (offset, shape, strides) onto a {@link TorchStorage}. The view is
 * validated against the storage when it is created, so reading it can never index outside the buffer.
 * Immutable once its storage is loaded.
 */
public final class TorchTensor {
    private final TorchStorage storage;
    private final long offset;
    private final long[] shape;
    private final long[] stride;
    private final long numel;

    private TorchTensor(TorchStorage storage, long offset, long[] shape, long[] stride, long numel) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.stride = stride;
        this.numel = numel;
    }

    static TorchTensor of(TorchStorage storage, long offset, long[] shape, long[] stride, long at) {
        if (shape.length != stride.length) {
            throw new PickleException(at, "tensor shape " + Arrays.toString(shape) + " and stride " + Arrays.toString(stride) + " differ in rank");
        }
        if (offset < 0) {
            throw new PickleException(at, "negative storage offset " + offset);
        }
        long n = 1;
        long maxIndex = offset;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || stride[i] < 0) {
                throw new PickleException(at, "negative size or stride in tensor " + Arrays.toString(shape) + "/" + Arrays.toString(stride));
            }
            try {
                n = Math.multiplyExact(n, shape[i]);
                if (shape[i] > 0) {
                    maxIndex = Math.addExact(maxIndex, Math.multiplyExact(shape[i] - 1, stride[i]));
                }
            } catch (ArithmeticException e) {
                throw new PickleException(at, "tensor size overflows: " + Arrays.toString(shape));
            }
        }
        if (n > 0 && maxIndex >= storage.numel()) {
            throw new PickleException(at, "tensor view " + Arrays.toString(shape) + " stride " + Arrays.toString(stride) + " offset " + offset
                    + " reaches element " + maxIndex + " of storage " + storage.key() + " with only " + storage.numel() + " elements");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new PickleException(at, "tensor with " + n + " elements is too large for a Java array");
        }
        return new TorchTensor(storage, offset, shape.clone(), stride.clone(), n);
    }

    /** A contiguous float32 tensor holding a copy of {@code values} (e.g. weights trained in Java). */
    public static TorchTensor ofFloats(float[] values, long... shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + values.length);
        }
        TorchStorage storage = new TorchStorage("java", DType.FLOAT32, values.length);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        storage.attach(buf.array(), 0, values.length * 4);
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        return of(storage, 0, shape, stride, 0);
    }

    /** A 0-dimensional int64 tensor (e.g. batch norm's {@code num_batches_tracked}). */
    public static TorchTensor ofLong(long value) {
        TorchStorage storage = new TorchStorage("java", DType.INT64, 1);
        storage.attach(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array(), 0, 8);
        return of(storage, 0, new long[0], new long[0], 0);
    }

    public long[] shape() {
        return shape.clone();
    }

    public DType dtype() {
        return storage.dtype();
    }

    public long numel() {
        return numel;
    }

    /** Elements in C (row-major) order, honouring strides and the storage offset, converted to float. */
    public float[] toFloatArray() {
        float[] out = new float[(int) numel];
        int[] i = {0};
        walk(0, offset, idx -> out[i[0]++] = (float) storage.get(idx));
        return out;
    }

    /** As {@link #toFloatArray()} in double precision. */
    public double[] toDoubleArray() {
        double[] out = new double[(int) numel];
        int[] i = {0};
        walk(0, offset, idx -> out[i[0]++] = storage.get(idx));
        return out;
    }

    private void walk(int dim, long base, java.util.function.LongConsumer visit) {
        if (numel == 0) {
            return;
        }
        if (dim == shape.length) {
            visit.accept(base);
            return;
        }
        for (long k = 0; k < shape[dim]; k++) {
            walk(dim + 1, base + k * stride[dim], visit);
        }
    }

    @Override
    public String toString() {
        return "TorchTensor" + Arrays.toString(shape) + " " + storage.dtype();
    }
}
