package org.affect4j.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.io.InputFiles;

/**
 * Reads PyTorch checkpoints written by {@code torch.save} in either serialization, safely (see
 * {@link SafeUnpickler}): no code from the file is ever run.
 * <ul>
 *   <li><b>zip</b> (torch ≥ 1.6): {@code <archive>/data.pkl} plus one {@code <archive>/data/<key>} entry per
 *       storage;</li>
 *   <li><b>legacy</b>: pickles of the magic number, the protocol version and system info, then the object, then
 *       the list of storage keys, then each storage as an 8-byte little-endian element count and its raw
 *       bytes.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class TorchCheckpoint {

    static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    /** Largest checkpoint this reader accepts (it is read into memory). */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 64L;

    /**
     * What a checkpoint may cost before a byte of it is buffered, checked up front and while inflating:
     *
     * @param maxFileBytes        the file itself (default {@link #MAX_BYTES})
     * @param maxPickleBytes      the pickle ({@code data.pkl}, or a legacy file's object pickle) — a state dict's is
     *                            kilobytes (default 64 MiB)
     * @param maxTensorBytes      all storages together, as the pickle declares them (default {@link #MAX_BYTES})
     * @param maxCompressionRatio inflated / compressed bytes of any zip entry (torch.save stores entries
     *                            uncompressed, ratio 1; default 100); checked again while inflating, so a lying size
     *                            header does not help a zip bomb
     * Besides these, the tensors must fit in half of the JVM's maximum heap ({@code -Xmx}), or the load is refused
     * naming both sizes. Immutable.
     */
    public record Limits(long maxFileBytes, long maxPickleBytes, long maxTensorBytes, double maxCompressionRatio) {
        public static final Limits DEFAULT = new Limits(MAX_BYTES, 64L << 20, MAX_BYTES, 100);

        public Limits {
            if (maxFileBytes < 1 || maxFileBytes > MAX_BYTES || maxPickleBytes < 1 || maxPickleBytes > MAX_BYTES || maxTensorBytes < 0
                    || maxTensorBytes > MAX_BYTES || !(maxCompressionRatio >= 1)) {
                throw new IllegalArgumentException("invalid checkpoint limits " + this);
            }
        }
    }

    private TorchCheckpoint() {
    }

    /**
     * Loads the pickled object (typically a state dict, or a dict holding one) with every tensor's data attached.
     *
     * @throws CheckpointException naming the file and the problem if it is missing, truncated, malformed or
     *                             refers to a global outside the allowlist
     */
    public static Object load(Path file) {
        return load(file, Limits.DEFAULT);
    }

    /** As {@link #load(Path)} under other {@link Limits}. */
    public static Object load(Path file, Limits limits) {
        InputFiles.requireRegular(file, CheckpointException::new);
        Objects.requireNonNull(limits, "limits");
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw new CheckpointException(file, "checkpoint of " + size + " bytes exceeds the " + limits.maxFileBytes() + "-byte limit");
            }
            if (size < 4) {
                throw new CheckpointException(file, "file of " + size + " bytes is too short to be a PyTorch checkpoint");
            }
            byte[] head = new byte[4];
            try (InputStream in = Files.newInputStream(file)) {
                in.readNBytes(head, 0, 4);
            }
            if (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return loadZip(file, limits);
            }
            requireHeap(file, size, "the legacy checkpoint (read whole)");
            return loadLegacy(file, Files.readAllBytes(file), limits);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "file not found");
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        } catch (PickleException e) {
            throw new CheckpointException(file, e.getMessage(), e);
        }
    }

    /** Loads the checkpoint and extracts its state dict (see {@link StateDict#from(Object, Path)}). */
    public static StateDict loadStateDict(Path file) {
        return StateDict.from(load(file), file);
    }

    /** As {@link #loadStateDict(Path)} under other {@link Limits}. */
    public static StateDict loadStateDict(Path file, Limits limits) {
        return StateDict.from(load(file, limits), file);
    }

    /** Refuses work that would need more than half of the JVM's maximum heap, before allocating it. */
    static void requireHeap(Path file, long bytes, String what) {
        long heap = Runtime.getRuntime().maxMemory();
        if (heap != Long.MAX_VALUE && bytes > heap / 2) {
            throw new CheckpointException(file, what + " needs " + bytes + " bytes of heap; this JVM allows " + heap
                    + " in all (-Xmx) and a load may use at most half");
        }
    }

    /** The storages' declared bytes, checked against the limits and the heap before any is read. */
    private static void requireStorageBudget(Path file, Map<String, TorchStorage> storages, Limits limits) {
        long total = 0;
        for (TorchStorage s : storages.values()) {
            total += s.numel() * s.dtype().size();
        }
        if (total > limits.maxTensorBytes()) {
            throw new CheckpointException(file, "the pickle declares " + total + " bytes of tensors, over the " + limits.maxTensorBytes()
                    + "-byte limit");
        }
        requireHeap(file, total, "the declared tensors");
    }

    // ---- legacy ----

    private static Object loadLegacy(Path file, byte[] data, Limits limits) {
        int pos = 0;
        SafeUnpickler magic = new SafeUnpickler(data, pos, data.length, null);
        Object m;
        try {
            m = magic.load();
        } catch (PickleException e) {
            throw new CheckpointException(file, "not a PyTorch checkpoint: neither a zip archive (torch.save since 1.6) nor a"
                    + " legacy file, which starts with a pickled magic number (" + e.getMessage() + ")", e);
        }
        if (!(m instanceof BigInteger b && b.equals(LEGACY_MAGIC))) {
            throw new CheckpointException(file, "not a PyTorch checkpoint (no zip header and no legacy magic number)");
        }
        SafeUnpickler proto = new SafeUnpickler(data, magic.position(), data.length, null);
        Object protocol = proto.load();
        if (!(protocol instanceof Long version) || version != 1001L) {
            throw new CheckpointException(file, "unsupported legacy protocol version " + protocol);
        }
        SafeUnpickler sysInfo = new SafeUnpickler(data, proto.position(), data.length, null);
        Object info = sysInfo.load();
        if (info instanceof Map<?, ?> im && Boolean.FALSE.equals(im.get("little_endian"))) {
            throw new CheckpointException(file, "big-endian checkpoints are not supported");
        }
        Map<String, TorchStorage> storages = new LinkedHashMap<>();
        SafeUnpickler body = new SafeUnpickler(data, sysInfo.position(), data.length,
                (pid, at) -> storage(pid, at, storages, 6));
        Object root = body.load();
        if (body.position() - sysInfo.position() > limits.maxPickleBytes()) {
            throw new CheckpointException(file, "the object pickle is " + (body.position() - sysInfo.position()) + " bytes, over the "
                    + limits.maxPickleBytes() + "-byte limit");
        }
        requireStorageBudget(file, storages, limits);
        SafeUnpickler keysPickle = new SafeUnpickler(data, body.position(), data.length, null);
        Object keys = keysPickle.load();
        if (!(keys instanceof List<?> keyList)) {
            throw new CheckpointException(file, "legacy checkpoint: storage key list missing");
        }
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int p = keysPickle.position();
        for (Object k : keyList) {
            TorchStorage s = storages.get(String.valueOf(k));
            if (s == null) {
                throw new CheckpointException(file, "legacy checkpoint lists storage '" + k + "' that no tensor uses");
            }
            if (data.length - p < 8) {
                throw new CheckpointException(file, "truncated: storage '" + k + "' header missing at byte " + p);
            }
            long count = buf.getLong(p);
            p += 8;
            if (count != s.numel()) {
                throw new CheckpointException(file, "storage '" + k + "' declares " + count + " elements in the data section but "
                        + s.numel() + " in the pickle");
            }
            long bytes = count * s.dtype().size();
            if (bytes > data.length - p) {
                throw new CheckpointException(file, "truncated: storage '" + k + "' needs " + bytes + " bytes at byte " + p
                        + " but only " + (data.length - p) + " remain");
            }
            s.attach(data, p, (int) bytes);
            p += (int) bytes;
        }
        requireAllLoaded(file, storages);
        return root;
    }

    // ---- zip ----

    private static Object loadZip(Path file, Limits limits) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = null;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                    prefix = name.substring(0, name.length() - "data.pkl".length());
                    break;
                }
            }
            if (prefix == null) {
                throw new CheckpointException(file, "zip archive has no <name>/data.pkl: not a torch.save checkpoint");
            }
            byte[] pkl = readEntry(file, zip, prefix + "data.pkl", limits.maxPickleBytes(), limits);
            Map<String, TorchStorage> storages = new LinkedHashMap<>();
            SafeUnpickler u = new SafeUnpickler(pkl, 0, pkl.length, (pid, at) -> storage(pid, at, storages, 5));
            Object root = u.load();
            requireStorageBudget(file, storages, limits);
            for (TorchStorage s : storages.values()) {
                long want = s.numel() * s.dtype().size();
                byte[] bytes = readEntry(file, zip, prefix + "data/" + s.key(), want, limits);
                if (bytes.length != want) {
                    throw new CheckpointException(file, "storage entry data/" + s.key() + " has " + bytes.length
                            + " bytes, the pickle needs " + want);
                }
                s.attach(bytes, 0, bytes.length);
            }
            return root;
        } catch (ZipException e) {
            throw new CheckpointException(file, "corrupt zip checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a zip entry of at most {@code maxBytes}, inflating in chunks: neither a lying size header nor a zip bomb
     * can make it buffer more than {@code maxBytes}, or more than the compression-ratio ceiling allows.
     */
    private static byte[] readEntry(Path file, ZipFile zip, String name, long maxBytes, Limits limits) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new CheckpointException(file, "zip entry '" + name + "' is missing");
        }
        if (entry.getSize() > maxBytes) {
            throw new CheckpointException(file, "zip entry '" + name + "' is " + entry.getSize() + " bytes, at most " + maxBytes + " expected");
        }
        long compressed = entry.getCompressedSize();
        double ceiling = compressed > 0 ? compressed * limits.maxCompressionRatio() : Double.POSITIVE_INFINITY;
        if (entry.getSize() > ceiling) {
            throw new CheckpointException(file, "zip entry '" + name + "' inflates " + compressed + " bytes to " + entry.getSize()
                    + ", over the compression-ratio limit of " + limits.maxCompressionRatio());
        }
        try (InputStream in = zip.getInputStream(entry)) {
            // sized from the central directory (already checked against maxBytes, which is checked against the heap)
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(Math.max(entry.getSize(), 32), maxBytes));
            byte[] chunk = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new CheckpointException(file, "zip entry '" + name + "' holds more than " + maxBytes + " bytes");
                }
                if (total > ceiling) {
                    throw new CheckpointException(file, "zip entry '" + name + "' inflates " + compressed + " bytes to more than "
                            + (long) ceiling + ", over the compression-ratio limit of " + limits.maxCompressionRatio());
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
    }

    // ---- storages ----

    private static TorchStorage storage(Object pid, long at, Map<String, TorchStorage> storages, int legacyOrZipArity) {
        PyTuple t = SafeUnpickler.asTuple(pid, at);
        if (t.size() < 5 || !"storage".equals(t.get(0))) {
            throw new PickleException(at, "unsupported persistent id " + pid);
        }
        if (!(t.get(1) instanceof PyGlobal type) || !type.module().equals("torch") || DType.fromTorchStorage(type.name()) == null) {
            throw new PickleException(at, "persistent id with unknown storage type " + SafeUnpickler.describe(t.get(1)));
        }
        if (legacyOrZipArity == 6 && t.size() >= 6 && t.get(5) != null) {
            throw new PickleException(at, "storage views (pre-0.4 PyTorch checkpoints) are not supported");
        }
        String key = String.valueOf(t.get(2));
        long numel = SafeUnpickler.toLong(t.get(4), at);
        DType dtype = DType.fromTorchStorage(type.name());
        if (numel < 0 || numel > MAX_BYTES / dtype.size()) {
            throw new PickleException(at, "storage '" + key + "' declares an impossible size " + numel);
        }
        TorchStorage existing = storages.get(key);
        if (existing != null) {
            if (existing.numel() != numel || existing.dtype() != dtype) {
                throw new PickleException(at, "storage '" + key + "' declared twice with different size or type");
            }
            return existing;
        }
        TorchStorage s = new TorchStorage(key, dtype, numel);
        storages.put(key, s);
        return s;
    }

    private static void requireAllLoaded(Path file, Map<String, TorchStorage> storages) {
        List<String> missing = new ArrayList<>();
        for (TorchStorage s : storages.values()) {
            if (!s.isLoaded()) {
                missing.add(s.key());
            }
        }
        if (!missing.isEmpty()) {
            throw new CheckpointException(file, "storages referenced but never written: " + missing);
        }
    }
}
