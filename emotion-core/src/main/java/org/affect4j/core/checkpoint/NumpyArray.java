package org.affect4j.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A numpy array as pickled by numpy: {@code _reconstruct} then BUILD with
 * {@code (version, shape, dtype, is_fortran, raw bytes)} (protocols 2–4), or {@code _frombuffer(buffer, dtype, shape,
 * order)} (protocol 5). Holds the raw bytes and reads them as doubles.
 */
public final class NumpyArray {

    /** A numpy dtype as pickled: type code plus byte order from its BUILD state. */
    public static final class Dtype {
        private final String code;
        private char byteOrder = '|';

        Dtype(String code) {
            this.code = code;
        }

        void setState(PyTuple state, long at) {
            if (state.size() >= 2 && state.get(1) instanceof String order && order.length() == 1) {
                byteOrder = order.charAt(0);
            } else {
                throw new PickleException(at, "unexpected numpy dtype state");
            }
        }

        DType dtype(long at) {
            DType d = DType.fromNumpy(code);
            if (d == null) {
                throw new PickleException(at, "unsupported numpy dtype '" + code + "'");
            }
            if (byteOrder == '>' && d.size() > 1) {
                throw new PickleException(at, "big-endian numpy arrays are not supported");
            }
            return d;
        }

        public String code() {
            return code;
        }
    }

    private long[] shape;
    private DType dtype;
    private boolean fortran;
    private byte[] data;

    NumpyArray() {
    }

    void setState(PyTuple state, long at) {
        if (state.size() != 5) {
            throw new PickleException(at, "numpy array state must have 5 fields, has " + state.size());
        }
        if (!(state.get(2) instanceof Dtype dt)) {
            throw new PickleException(at, "numpy array state without a dtype");
        }
        init(SafeUnpickler.longs(state.get(1), at), dt, Boolean.TRUE.equals(state.get(3)), state.get(4), at);
    }

    /**
     * numpy's pickle-protocol-5 form, {@code numpy.core.numeric._frombuffer(buffer, dtype, shape, order)}: the same
     * checks as the classic form (raw bytes of exactly shape × itemsize, a supported little-endian dtype).
     */
    static NumpyArray fromBuffer(Object buffer, Object dtype, Object shape, Object order, long at) {
        if (!(dtype instanceof Dtype dt)) {
            throw new PickleException(at, "numpy _frombuffer without a dtype: " + SafeUnpickler.describe(dtype));
        }
        if (!"C".equals(order) && !"F".equals(order)) {
            throw new PickleException(at, "numpy _frombuffer order must be 'C' or 'F', got " + SafeUnpickler.describe(order));
        }
        NumpyArray a = new NumpyArray();
        a.init(SafeUnpickler.longs(shape, at), dt, "F".equals(order), buffer, at);
        return a;
    }

    private void init(long[] s, Dtype dt, boolean isFortran, Object raw, long at) {
        if (data != null) {
            throw new PickleException(at, "numpy array state set twice");
        }
        DType d = dt.dtype(at);
        long n = 1;
        for (long v : s) {
            if (v < 0) {
                throw new PickleException(at, "negative numpy dimension");
            }
            n = Math.multiplyExact(n, v);
        }
        if (!(raw instanceof byte[] bytes)) {
            throw new PickleException(at, "numpy array data must be raw bytes (object arrays are refused)");
        }
        if (bytes.length != Math.multiplyExact(n, (long) d.size())) {
            throw new PickleException(at, "numpy array of shape " + java.util.Arrays.toString(s) + " " + d
                    + " needs " + n * d.size() + " bytes, has " + bytes.length);
        }
        this.shape = s;
        this.dtype = d;
        this.fortran = isFortran;
        this.data = bytes;
    }

    static Object scalar(Dtype dt, byte[] raw, long at) {
        DType d = dt.dtype(at);
        if (raw.length != d.size()) {
            throw new PickleException(at, "numpy scalar of " + d + " with " + raw.length + " bytes");
        }
        double v = d.read(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), 0);
        return switch (d) {
            case FLOAT32, FLOAT64, FLOAT16, BFLOAT16 -> v;
            case BOOL -> v != 0;
            default -> (long) v;
        };
    }

    private void requireBuilt() {
        if (data == null) {
            throw new IllegalStateException("numpy array was reconstructed but never given its state");
        }
    }

    public long[] shape() {
        requireBuilt();
        return shape.clone();
    }

    public DType dtype() {
        requireBuilt();
        return dtype;
    }

    public long size() {
        requireBuilt();
        return data.length / dtype.size();
    }

    /** Elements in C (row-major) order as doubles. */
    public double[] toDoubleArray() {
        requireBuilt();
        if (fortran && shape.length > 1) {
            throw new UnsupportedOperationException("Fortran-ordered numpy arrays are not supported");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double[] r = new double[Math.toIntExact(size())];
        for (int i = 0; i < r.length; i++) {
            r[i] = dtype.read(b, i);
        }
        return r;
    }
}
