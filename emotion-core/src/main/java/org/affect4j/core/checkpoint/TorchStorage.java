package org.affect4j.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A PyTorch storage: a flat typed buffer that tensors view with offset, shape and strides. Its bytes arrive
 * after the pickle (legacy format) or from a zip entry, so they are attached once known.
 */
public final class TorchStorage {
    private final String key;
    private final DType dtype;
    private final long numel;
    private ByteBuffer data;

    TorchStorage(String key, DType dtype, long numel) {
        this.key = key;
        this.dtype = dtype;
        this.numel = numel;
    }

    public String key() {
        return key;
    }

    public DType dtype() {
        return dtype;
    }

    public long numel() {
        return numel;
    }

    boolean isLoaded() {
        return data != null;
    }

    void attach(byte[] bytes, int offset, int length) {
        if ((long) length != numel * dtype.size()) {
            throw new IllegalArgumentException("storage " + key + " needs " + numel * dtype.size() + " bytes, got " + length);
        }
        this.data = ByteBuffer.wrap(bytes, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    double get(long index) {
        if (data == null) {
            throw new IllegalStateException("storage " + key + " has no data");
        }
        return dtype.read(data, index);
    }
}
