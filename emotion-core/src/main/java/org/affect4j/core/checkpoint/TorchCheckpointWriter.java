package org.affect4j.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state dict as {@code torch.save(state_dict, file)} does in its zip serialization (PyTorch ≥ 1.6): a
 * zip of {@code archive/data.pkl} (pickle protocol 2: an {@code OrderedDict} of tensors rebuilt by
 * {@code torch._utils._rebuild_tensor_v2}, each on its own storage, referenced by persistent id),
 * {@code archive/data/<n>} (each storage's little-endian bytes), {@code archive/version} and
 * {@code archive/byteorder}, all stored uncompressed. {@code torch.load(file)} (also with {@code weights_only=True})
 * returns the dict and {@code module.load_state_dict} takes it; {@link TorchCheckpoint} reads it back.
 *
 * <p>Tensors are written contiguous (C order) as float32, except {@code int64} ones (such as batch norm's
 * {@code num_batches_tracked}), which stay int64. The pickle uses only the globals a state dict needs
 * ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2}, {@code torch.FloatStorage},
 * {@code torch.LongStorage}). Stateless and thread-safe.
 */
public final class TorchCheckpointWriter {

    /** The zip's top-level folder, as torch names it after the file (any name loads). */
    static final String ARCHIVE = "archive";

    private TorchCheckpointWriter() {
    }

    /**
     * Writes {@code weights} to {@code file} atomically (temporary file, then move).
     *
     * @throws org.affect4j.core.CheckpointException naming the file if it cannot be written
     */
    public static void write(StateDict weights, Path file) {
        Objects.requireNonNull(weights, "weights");
        AtomicFiles.write(file, "PyTorch checkpoint", os -> {
            try (ZipOutputStream zip = new ZipOutputStream(os)) {
                byte[][] storages = new byte[weights.size()][];
                stored(zip, ARCHIVE + "/data.pkl", pickle(weights, storages));
                stored(zip, ARCHIVE + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < storages.length; i++) {
                    stored(zip, ARCHIVE + "/data/" + i, storages[i]);
                }
                stored(zip, ARCHIVE + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            }
        });
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = AtomicFiles.zipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The pickle of the state dict; fills {@code storages[n]} with the bytes of storage key {@code n}. */
    static byte[] pickle(StateDict weights, byte[][] storages) {
        Pickler p = new Pickler();
        p.op(0x80).op(2); // PROTO 2
        p.global("collections", "OrderedDict").op(')').op('R'); // OrderedDict()
        p.op('(');
        int key = 0;
        for (String name : weights.keys()) {
            TorchTensor t = weights.tensor(name);
            boolean int64 = t.dtype() == DType.INT64;
            storages[key] = int64 ? longBytes(t) : floatBytes(t);
            long[] shape = t.shape();
            p.unicode(name);
            p.global("torch._utils", "_rebuild_tensor_v2");
            p.op('(');
            // persistent id ('storage', torch.<Type>Storage, '<key>', 'cpu', numel)
            p.op('(').unicode("storage").global("torch", int64 ? "LongStorage" : "FloatStorage").unicode(Integer.toString(key))
                    .unicode("cpu").integer(t.numel()).op('t').op('Q');
            p.integer(0); // storage offset
            p.op('(');
            for (long d : shape) {
                p.integer(d);
            }
            p.op('t');
            p.op('(');
            for (long s : contiguousStrides(shape)) {
                p.integer(s);
            }
            p.op('t');
            p.op(0x89); // requires_grad = False
            p.global("collections", "OrderedDict").op(')').op('R'); // backward hooks
            p.op('t').op('R');
            key++;
        }
        p.op('u').op('.'); // SETITEMS, STOP
        return p.bytes();
    }

    static long[] contiguousStrides(long[] shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        return stride;
    }

    private static byte[] floatBytes(TorchTensor t) {
        float[] v = t.toFloatArray();
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static byte[] longBytes(TorchTensor t) {
        double[] v = t.toDoubleArray();
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putLong((long) x);
        }
        return b.array();
    }

    /** Adds an int64 {@code num_batches_tracked} scalar (value {@code count}) after every batch norm's running variance that lacks one. */
    public static StateDict withBatchNormCounters(StateDict weights, long count) {
        Map<String, TorchTensor> out = new java.util.LinkedHashMap<>();
        for (String k : weights.keys()) {
            out.put(k, weights.tensor(k));
            if (k.endsWith(".running_var")) {
                String counter = k.substring(0, k.length() - "running_var".length()) + "num_batches_tracked";
                if (!weights.contains(counter)) {
                    out.put(counter, TorchTensor.ofLong(count));
                }
            }
        }
        return StateDict.of(out, weights.source());
    }

    /** The few pickle opcodes a state dict needs. */
    private static final class Pickler {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickler op(int code) {
            out.write(code);
            return this;
        }

        Pickler global(String module, String name) {
            op('c');
            byte[] b = (module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII);
            out.write(b, 0, b.length);
            return this;
        }

        Pickler unicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array(), 0, 4);
            out.write(b, 0, b.length);
            return this;
        }

        Pickler integer(long v) {
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                op('J');
                out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array(), 0, 4);
            } else {
                op(0x8a).op(8); // LONG1, 8 bytes two's complement little-endian
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(), 0, 8);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
