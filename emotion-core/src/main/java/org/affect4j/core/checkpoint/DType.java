package org.affect4j.core.checkpoint;

/** Element types of PyTorch storages and numpy arrays that the reader understands. */
public enum DType {
    FLOAT32(4), FLOAT64(8), FLOAT16(2), BFLOAT16(2), INT64(8), INT32(4), INT16(2), INT8(1), UINT8(1), BOOL(1);

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** Torch storage class name (e.g. {@code FloatStorage}) to dtype, or null if unknown. */
    static DType fromTorchStorage(String name) {
        return switch (name) {
            case "FloatStorage" -> FLOAT32;
            case "DoubleStorage" -> FLOAT64;
            case "HalfStorage" -> FLOAT16;
            case "BFloat16Storage" -> BFLOAT16;
            case "LongStorage" -> INT64;
            case "IntStorage" -> INT32;
            case "ShortStorage" -> INT16;
            case "CharStorage" -> INT8;
            case "ByteStorage" -> UINT8;
            case "BoolStorage" -> BOOL;
            default -> null;
        };
    }

    /** numpy dtype string without byte order (e.g. {@code f8}, {@code i8}) to dtype, or null if unknown. */
    static DType fromNumpy(String code) {
        return switch (code) {
            case "f4" -> FLOAT32;
            case "f8" -> FLOAT64;
            case "f2" -> FLOAT16;
            case "i8" -> INT64;
            case "i4" -> INT32;
            case "i2" -> INT16;
            case "i1" -> INT8;
            case "u1" -> UINT8;
            case "b1" -> BOOL;
            default -> null;
        };
    }

    /** Reads element {@code index} of little-endian {@code data} starting at {@code base} as a double. */
    double read(java.nio.ByteBuffer data, long index) {
        int at = Math.toIntExact(index * size);
        return switch (this) {
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
            case FLOAT16 -> halfToFloat(data.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16);
            case INT64 -> data.getLong(at);
            case INT32 -> data.getInt(at);
            case INT16 -> data.getShort(at);
            case INT8 -> data.get(at);
            case UINT8 -> data.get(at) & 0xff;
            case BOOL -> data.get(at) != 0 ? 1 : 0;
        };
    }

    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
