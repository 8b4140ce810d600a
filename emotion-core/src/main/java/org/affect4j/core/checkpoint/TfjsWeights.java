package org.affect4j.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.io.InputFiles;

/**
 * Reads TensorFlow.js weights: a <em>weights manifest</em> (JSON: groups of {@code paths} to binary shards and the
 * {@code weights} they hold, each with {@code name}, {@code shape}, {@code dtype} and an optional {@code quantization}
 * of {@code uint8} / {@code uint16} with {@code scale} and {@code min}, or {@code float16}) plus its little-endian
 * shards, into a {@link StateDict} of float32 tensors named as in the manifest ({@code dense0/conv0/filters}).
 *
 * <p>As strict as the PyTorch reader: a group's shards must hold exactly the bytes its weights declare (a truncated or
 * padded shard is a {@link CheckpointException} naming the shard and both counts), unknown dtypes and quantizations,
 * bad shapes, duplicate names and shard paths that leave the model's folder are refused, and the shards together
 * may not exceed {@link #MAX_BYTES} (or the limit passed in). Dequantization follows TensorFlow.js:
 * {@code value = q · scale + min}, computed in double and rounded to float32. {@code int32} and {@code bool} weights
 * become float32 tensors holding the same values (exact below 2<sup>24</sup>). Nothing in the files is executed.
 *
 * <p>Stateless and thread-safe.
 */
public final class TfjsWeights {

    /** Default ceiling on the bytes of all shards of one model (256 MiB; the largest bundled model is 5.4 MB). */
    public static final long MAX_BYTES = 256L << 20;

    /** Where shards come from: a folder on disk or a classpath package. */
    @FunctionalInterface
    public interface ShardSource {
        /** Opens the shard {@code name} (a plain file name from the manifest), or returns null if it does not exist. */
        InputStream open(String name) throws IOException;
    }

    private TfjsWeights() {
    }

    /** Reads a weights manifest file and the shards beside it. */
    public static StateDict read(Path manifest) {
        return read(manifest, MAX_BYTES);
    }

    /** Reads a weights manifest file and the shards beside it, refusing shards of more than {@code maxBytes} in all. */
    public static StateDict read(Path manifest, long maxBytes) {
        Objects.requireNonNull(manifest, "manifest");
        Object json = parseJsonFile(manifest, maxBytes);
        return decode(manifest, json, folder(manifest), maxBytes);
    }

    /** Reads a weights manifest and its shards from the classpath folder {@code folder} (e.g. a bundled model). */
    public static StateDict readResource(Class<?> anchor, String folder, String manifestName) {
        Path source = Path.of(folder, manifestName);
        ShardSource shards = classpath(anchor, folder);
        try (InputStream in = shards.open(manifestName)) {
            if (in == null) {
                throw new CheckpointException(source, "resource not found on the classpath");
            }
            byte[] b = in.readNBytes((int) TfjsGraphModel.MAX_JSON_BYTES + 1);
            if (b.length > TfjsGraphModel.MAX_JSON_BYTES) {
                throw new CheckpointException(source, "JSON exceeds the " + TfjsGraphModel.MAX_JSON_BYTES + "-byte limit");
            }
            return decode(source, parseJson(source, new String(b, StandardCharsets.UTF_8)), shards, MAX_BYTES);
        } catch (IOException e) {
            throw new CheckpointException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes an already parsed manifest (the JSON array of groups, e.g. a graph model's {@code weightsManifest}).
     *
     * @param source names the model in error messages
     */
    public static StateDict decode(Path source, Object manifest, ShardSource shards, long maxBytes) {
        Objects.requireNonNull(shards, "shards");
        if (!(manifest instanceof List<?> groups) || groups.isEmpty()) {
            throw new CheckpointException(source, "a TensorFlow.js weights manifest is a non-empty JSON array of groups, got " + kind(manifest));
        }
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        long total = 0;
        int g = 0;
        for (Object group : groups) {
            String where = "weights manifest group " + g++;
            Map<?, ?> grp = asMap(source, group, where);
            List<String> paths = new ArrayList<>();
            for (Object p : asList(source, grp.get("paths"), where + ".paths")) {
                paths.add(shardName(source, p, where));
            }
            List<Entry> entries = new ArrayList<>();
            long expected = 0;
            for (Object w : asList(source, grp.get("weights"), where + ".weights")) {
                Entry e = entry(source, asMap(source, w, where + ".weights[]"));
                if (out.containsKey(e.name) || entries.stream().anyMatch(x -> x.name.equals(e.name))) {
                    throw new CheckpointException(source, "weight '" + e.name + "' is declared twice");
                }
                entries.add(e);
                expected = Math.addExact(expected, e.bytes());
            }
            if (Math.addExact(total, expected) > maxBytes) {
                throw new CheckpointException(source, "weights declare " + (total + expected) + " bytes, over the " + maxBytes + "-byte limit");
            }
            byte[] data = readShards(source, shards, paths, expected);
            total += expected;
            ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : entries) {
                out.put(e.name, TorchTensor.ofFloats(e.decode(buf), e.shape));
            }
        }
        return StateDict.of(out, source);
    }

    /** Shards beside a manifest file: plain names resolved in its folder; only regular files are read. */
    static ShardSource folder(Path manifest) {
        Path dir = manifest.toAbsolutePath().getParent();
        return name -> {
            Path p = dir.resolve(name);
            if (!Files.exists(p)) {
                return null;
            }
            return Files.newInputStream(InputFiles.requireRegular(p, CheckpointException::new));
        };
    }

    /** Shards from the classpath package of {@code anchor} (e.g. a bundled model). */
    public static ShardSource classpath(Class<?> anchor, String folder) {
        Objects.requireNonNull(anchor, "anchor");
        String base = folder.endsWith("/") ? folder : folder + "/";
        return name -> anchor.getResourceAsStream(base + name);
    }

    /** Reads a JSON file of at most {@code maxBytes} bytes (regular files only). */
    static Object parseJsonFile(Path file, long maxBytes) {
        InputFiles.requireRegular(file, CheckpointException::new);
        try {
            long size = Files.size(file);
            if (size > Math.min(maxBytes, Integer.MAX_VALUE - 64L)) {
                throw new CheckpointException(file, "JSON of " + size + " bytes exceeds the " + maxBytes + "-byte limit");
            }
            return parseJson(file, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    static Object parseJson(Path source, String text) {
        try {
            return Json.parse(text);
        } catch (Json.JsonException e) {
            throw new CheckpointException(source, "malformed JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] readShards(Path source, ShardSource shards, List<String> paths, long expected) {
        if (paths.isEmpty() && expected > 0) {
            throw new CheckpointException(source, "a weights group declares " + expected + " bytes but lists no shard");
        }
        byte[] data = new byte[Math.toIntExact(expected)];
        int at = 0;
        for (String name : paths) {
            try (InputStream in = shards.open(name)) {
                if (in == null) {
                    throw new CheckpointException(source, "shard '" + name + "' not found");
                }
                int n = in.readNBytes(data, at, data.length - at);
                at += n;
                if (at == data.length && in.read() != -1) {
                    throw new CheckpointException(source, "shards up to '" + name + "' hold more than the " + expected
                            + " bytes their group's weights declare");
                }
            } catch (IOException e) {
                throw new CheckpointException(source, "cannot read shard '" + name + "': " + e.getMessage(), e);
            }
        }
        if (at != data.length) {
            throw new CheckpointException(source, "shards " + paths + " hold " + at + " bytes, the weights declare " + expected
                    + " (truncated shard?)");
        }
        return data;
    }

    private static String shardName(Path source, Object p, String where) {
        if (!(p instanceof String s) || s.isEmpty()) {
            throw new CheckpointException(source, where + ": shard path " + kind(p) + " is not a file name");
        }
        if (s.contains("/") || s.contains("\\") || s.equals("..") || s.equals(".") || s.indexOf('\0') >= 0) {
            throw new CheckpointException(source, where + ": shard path '" + s + "' must be a plain file name beside the manifest");
        }
        return s;
    }

    private static Entry entry(Path source, Map<?, ?> w) {
        if (!(w.get("name") instanceof String name) || name.isEmpty()) {
            throw new CheckpointException(source, "a weight without a name: " + w.keySet());
        }
        List<?> dims = asList(source, w.get("shape"), "weight '" + name + "'.shape");
        long[] shape = new long[dims.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Double d) || d < 0 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
                throw new CheckpointException(source, "weight '" + name + "' has a bad shape " + dims);
            }
            shape[i] = d.longValue();
            numel = Math.multiplyExact(numel, shape[i]);
            if (numel > Integer.MAX_VALUE - 8) {
                throw new CheckpointException(source, "weight '" + name + "' of shape " + dims + " is too large");
            }
        }
        Object dtype = w.get("dtype");
        if (!"float32".equals(dtype) && !"int32".equals(dtype) && !"bool".equals(dtype)) {
            throw new CheckpointException(source, "weight '" + name + "' has unsupported dtype " + kind(dtype)
                    + " (float32, int32, bool are read)");
        }
        Object q = w.get("quantization");
        if (q == null) {
            return new Entry(name, shape, (int) numel, (String) dtype, null, 0, 0);
        }
        Map<?, ?> qm = asMap(source, q, "weight '" + name + "'.quantization");
        Object qd = qm.get("dtype");
        if ("float16".equals(qd)) {
            return new Entry(name, shape, (int) numel, (String) dtype, "float16", 0, 0);
        }
        if (!"uint8".equals(qd) && !"uint16".equals(qd)) {
            throw new CheckpointException(source, "weight '" + name + "' has unsupported quantization dtype " + kind(qd)
                    + " (uint8, uint16, float16 are read)");
        }
        if (!(qm.get("scale") instanceof Double scale) || !(qm.get("min") instanceof Double min)
                || !Double.isFinite(scale) || !Double.isFinite(min)) {
            throw new CheckpointException(source, "weight '" + name + "' is " + qd + "-quantized without a finite scale and min");
        }
        return new Entry(name, shape, (int) numel, (String) dtype, (String) qd, scale, min);
    }

    /** One weight of a group: where its bytes are, how to decode them. */
    private record Entry(String name, long[] shape, int numel, String dtype, String quantization, double scale, double min) {

        long bytes() {
            long per = quantization == null ? ("bool".equals(dtype) ? 1 : 4) : switch (quantization) {
                case "uint8" -> 1;
                default -> 2; // uint16, float16
            };
            return numel * per;
        }

        float[] decode(ByteBuffer buf) {
            float[] v = new float[numel];
            if (quantization == null) {
                for (int i = 0; i < numel; i++) {
                    v[i] = switch (dtype) {
                        case "float32" -> buf.getFloat();
                        case "int32" -> buf.getInt();
                        default -> buf.get() != 0 ? 1f : 0f;
                    };
                }
                return v;
            }
            for (int i = 0; i < numel; i++) {
                v[i] = switch (quantization) {
                    case "uint8" -> (float) ((buf.get() & 0xff) * scale + min);
                    case "uint16" -> (float) ((buf.getShort() & 0xffff) * scale + min);
                    default -> halfToFloat(buf.getShort());
                };
            }
            return v;
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape);
        }
    }

    /** IEEE 754 binary16 to float32 (exact). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits >>> 15) << 31;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float f = mant * 0x1p-24f;
            return sign == 0 ? f : -f;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    static Map<?, ?> asMap(Path source, Object o, String where) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new CheckpointException(source, where + " must be a JSON object, got " + kind(o));
    }

    static List<?> asList(Path source, Object o, String where) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new CheckpointException(source, where + " must be a JSON array, got " + kind(o));
    }

    static String kind(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        return o instanceof Map ? "an object" : o instanceof List ? "an array" : String.valueOf(o);
    }
}
