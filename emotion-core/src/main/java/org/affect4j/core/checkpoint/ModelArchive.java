package org.affect4j.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.io.InputFiles;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Affect4J's own model/checkpoint format: a zip holding {@code affect4j.json} (a JSON object: format version, kind,
 * configuration, provenance) and tensors as {@code tensors/<name>.npy} (NumPy v1.0, little-endian float32 or
 * float64, C order), so that {@code numpy.load} reads every tensor and nothing in the file is ever executed.
 *
 * <p>Reading is strict: unknown entries, malformed NPY headers, sizes that do not match the shape, duplicate names
 * and entries over {@value #MAX_ENTRY_BYTES} bytes fail with a {@link CheckpointException} naming the file. Writing
 * goes to a temporary file that is moved into place, so an interrupted save never leaves a truncated archive.
 * Instances are immutable.
 */
public final class ModelArchive {

    public static final int FORMAT_VERSION = 1;
    static final String META = "affect4j.json";
    static final String TENSORS = "tensors/";
    static final long MAX_ENTRY_BYTES = 1L << 30;
    private static final Pattern NPY_HEADER = Pattern.compile(
            "\\{'descr': '(<f4|<f8)', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\}\\s*");
    // keys sorted: metadata built from Map.of (whose iteration order changes from one JVM run to the next) is written
    // the same way every time
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** A tensor of the archive: float32 or float64 values in C order. */
    public record Tensor(long[] shape, float[] floats, double[] doubles) {
        public Tensor {
            Objects.requireNonNull(shape, "shape");
            if ((floats == null) == (doubles == null)) {
                throw new IllegalArgumentException("exactly one of floats/doubles");
            }
            long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (n != (floats != null ? floats.length : doubles.length)) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match " + n + " values");
            }
            shape = shape.clone();
        }

        public static Tensor of(float[] values, long... shape) {
            return new Tensor(shape, values.clone(), null);
        }

        public static Tensor of(double[] values, long... shape) {
            return new Tensor(shape, null, values.clone());
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** Values as float (float64 tensors are rounded). */
        public float[] toFloats() {
            if (floats != null) {
                return floats.clone();
            }
            float[] out = new float[doubles.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) doubles[i];
            }
            return out;
        }

        /** Values as double (float32 tensors are widened exactly). */
        public double[] toDoubles() {
            if (doubles != null) {
                return doubles.clone();
            }
            double[] out = new double[floats.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = floats[i];
            }
            return out;
        }
    }

    private final Map<String, Object> meta;
    private final Map<String, Tensor> tensors;
    private final Path source;

    private ModelArchive(Map<String, Object> meta, Map<String, Tensor> tensors, Path source) {
        this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.source = source;
    }

    public static ModelArchive of(Map<String, Object> meta, Map<String, Tensor> tensors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "affect4j");
        m.put("formatVersion", FORMAT_VERSION);
        m.putAll(meta);
        for (String name : tensors.keySet()) {
            if (!name.matches("[A-Za-z0-9_.\\-]+")) {
                throw new IllegalArgumentException("tensor name must be [A-Za-z0-9_.-]+: " + name);
            }
        }
        return new ModelArchive(m, tensors, null);
    }

    public Map<String, Object> meta() {
        return meta;
    }

    /** A metadata string (fails naming the file when absent or not a string). */
    public String metaString(String key) {
        if (!(meta.get(key) instanceof String s)) {
            throw new CheckpointException(source, "metadata '" + key + "' is missing or not a string");
        }
        return s;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException(source, "no tensor '" + name + "' in the archive");
        }
        return t;
    }

    public Path source() {
        return source;
    }

    /**
     * An archive holding {@code weights} as float32 tensors named {@code prefix + name} (the inverse of
     * {@link #stateDict(String)}), with {@code meta}.
     */
    public static ModelArchive of(Map<String, Object> meta, String prefix, StateDict weights) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (String k : weights.keys()) {
            TorchTensor tensor = weights.tensor(k);
            t.put(prefix + k, Tensor.of(tensor.toFloatArray(), tensor.shape()));
        }
        return of(meta, t);
    }

    /** The tensors whose name starts with {@code prefix}, prefix removed, as a state dict (float32). */
    public StateDict stateDict(String prefix) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey().substring(prefix.length()), TorchTensor.ofFloats(e.getValue().toFloats(), e.getValue().shape()));
            }
        }
        return StateDict.of(out, source);
    }

    /**
     * Writes the network weights (the {@code weights.} tensors, in the seed's state-dict layout) as a PyTorch
     * checkpoint that {@code torch.load} reads and the seed's module takes with {@code load_state_dict(strict=True)}:
     * batch norms get the {@code num_batches_tracked} counter PyTorch expects, set to 0 (Affect4J does not track it;
     * PyTorch uses it only with {@code momentum=None}). See {@link TorchCheckpointWriter}.
     *
     * @throws CheckpointException if the archive holds no weights or the file cannot be written
     */
    public void exportTorch(Path file) {
        StateDict weights = stateDict("weights.");
        if (weights.size() == 0) {
            throw new CheckpointException(source, "the archive holds no network weights (no 'weights.' tensors) to export");
        }
        TorchCheckpointWriter.write(TorchCheckpointWriter.withBatchNormCounters(weights, 0), file);
    }

    /** Writes atomically (temporary file, then move). */
    public void write(Path file) {
        AtomicFiles.write(file, "model archive", os -> {
            try (ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(AtomicFiles.zipEntry(META));
                zip.write(JSON.writeValueAsBytes(meta));
                zip.closeEntry();
                for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                    zip.putNextEntry(AtomicFiles.zipEntry(TENSORS + e.getKey() + ".npy"));
                    zip.write(npy(e.getValue()));
                    zip.closeEntry();
                }
            }
        });
    }

    public static ModelArchive read(Path file) {
        InputFiles.requireRegular(file, CheckpointException::new);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read model archive: " + e.getMessage(), e);
        }
    }

    /** Reads from a stream (e.g. a class-path resource); {@code name} is used in error messages. */
    public static ModelArchive read(InputStream in, Path name) {
        Map<String, Object> meta = null;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long[] total = {0};
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] bytes = readEntry(zip, e, name, total);
                if (e.getName().equals(META)) {
                    if (meta != null) {
                        throw new CheckpointException(name, "duplicate " + META);
                    }
                    meta = JSON.readValue(bytes, new TypeReference<LinkedHashMap<String, Object>>() { });
                } else if (e.getName().startsWith(TENSORS) && e.getName().endsWith(".npy")) {
                    String t = e.getName().substring(TENSORS.length(), e.getName().length() - 4);
                    if (tensors.put(t, parseNpy(bytes, name, t)) != null) {
                        throw new CheckpointException(name, "duplicate tensor " + t);
                    }
                } else {
                    throw new CheckpointException(name, "unexpected entry '" + e.getName() + "' in model archive");
                }
            }
        } catch (IOException ex) {
            throw new CheckpointException(name, "not a readable Affect4J model archive: " + ex.getMessage(), ex);
        }
        if (meta == null) {
            throw new CheckpointException(name, "not an Affect4J model archive: no " + META);
        }
        if (!"affect4j".equals(meta.get("format")) || !(meta.get("formatVersion") instanceof Integer v)) {
            throw new CheckpointException(name, "not an Affect4J model archive: format " + meta.get("format"));
        }
        if (v > FORMAT_VERSION) {
            throw new CheckpointException(name, "model archive format " + v + " is newer than this library's " + FORMAT_VERSION);
        }
        return new ModelArchive(meta, tensors, name);
    }

    /**
     * Inflates one entry in chunks; {@code archiveTotal[0]} counts every entry's bytes against a quarter of the heap
     * (the buffer may briefly need three times what it holds while it grows).
     */
    private static byte[] readEntry(ZipInputStream zip, ZipEntry e, Path name, long[] archiveTotal) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        long heap = Runtime.getRuntime().maxMemory();
        int n;
        while ((n = zip.read(buf)) > 0) {
            total += n;
            archiveTotal[0] += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new CheckpointException(name, "entry '" + e.getName() + "' is larger than " + MAX_ENTRY_BYTES + " bytes");
            }
            if (heap != Long.MAX_VALUE && archiveTotal[0] > heap / 4) {
                throw new CheckpointException(name, "the archive inflates to more than a quarter of this JVM's heap (" + heap
                        + " bytes, -Xmx) by entry '" + e.getName() + "'");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static byte[] npy(Tensor t) {
        StringBuilder shape = new StringBuilder();
        long[] s = t.shape;
        for (int i = 0; i < s.length; i++) {
            shape.append(s[i]).append(i == 0 && s.length == 1 ? "," : i < s.length - 1 ? ", " : "");
        }
        String descr = t.floats != null ? "<f4" : "<f8";
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int unpadded = 10 + header.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        header = header + " ".repeat(padded - unpadded) + "\n";
        int n = t.floats != null ? t.floats.length : t.doubles.length;
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + n * (t.floats != null ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buf.putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        if (t.floats != null) {
            buf.asFloatBuffer().put(t.floats);
        } else {
            buf.asDoubleBuffer().put(t.doubles);
        }
        return buf.array();
    }

    static Tensor parseNpy(byte[] b, Path file, String tensor) {
        if (b.length < 10 || (b[0] & 0xff) != 0x93 || !new String(b, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY") || b[6] != 1 || b[7] != 0) {
            throw new CheckpointException(file, "tensor " + tensor + ": not a NumPy v1.0 array");
        }
        int hlen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        if (10 + hlen > b.length) {
            throw new CheckpointException(file, "tensor " + tensor + ": truncated header");
        }
        String header = new String(b, 10, hlen, StandardCharsets.US_ASCII);
        Matcher m = NPY_HEADER.matcher(header);
        if (!m.matches()) {
            throw new CheckpointException(file, "tensor " + tensor + ": unsupported NumPy header " + header.trim());
        }
        String[] dims = m.group(2).replace(" ", "").split(",");
        long[] shape = Arrays.stream(dims).filter(d -> !d.isEmpty()).mapToLong(Long::parseLong).toArray();
        long n;
        try {
            n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        } catch (ArithmeticException e) {
            throw new CheckpointException(file, "tensor " + tensor + ": shape overflows");
        }
        int width = m.group(1).equals("<f4") ? 4 : 8;
        if ((long) b.length - 10 - hlen != n * width) {
            throw new CheckpointException(file, "tensor " + tensor + ": shape " + Arrays.toString(shape) + " needs " + n * width
                    + " bytes, the entry holds " + (b.length - 10 - hlen));
        }
        ByteBuffer buf = ByteBuffer.wrap(b, 10 + hlen, b.length - 10 - hlen).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (width == 4) {
            float[] f = new float[(int) n];
            buf.asFloatBuffer().get(f);
            return new Tensor(shape, f, null);
        }
        double[] d = new double[(int) n];
        buf.asDoubleBuffer().get(d);
        return new Tensor(shape, null, d);
    }
}
