package org.affect4j.core.checkpoint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.affect4j.core.CheckpointException;

/**
 * An ordered map from PyTorch parameter names ({@code conv2Dblock.0.weight}) to tensors, as
 * {@code module.state_dict()} produces. Networks are built from one: {@link #floats(String, long...)} checks the
 * shape, and {@link #requireExactly(Set, Set)} enforces strict loading. Immutable.
 */
public final class StateDict {

    private final Map<String, TorchTensor> tensors;
    private final Path source;

    private StateDict(Map<String, TorchTensor> tensors, Path source) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.source = source;
    }

    /** Wraps tensors already in hand (e.g. built in tests). */
    public static StateDict of(Map<String, TorchTensor> tensors, Path source) {
        return new StateDict(tensors, source);
    }

    /**
     * Finds the state dict inside an unpickled checkpoint: the object itself when it maps names to tensors, or its
     * {@code state_dict} / {@code model_state_dict} / {@code model} entry (the seed's
     * {@code {'state_dict', 'optimizer', 'epoch'}} layout). A {@code module.} prefix (from
     * {@code nn.DataParallel}) on every key is removed.
     */
    public static StateDict from(Object root, Path source) {
        Map<?, ?> map = root instanceof Map<?, ?> m ? m : null;
        if (map == null) {
            throw new CheckpointException(source, "checkpoint holds " + SafeUnpickler.describe(root) + ", not a state dict");
        }
        if (!isTensorMap(map)) {
            Object inner = null;
            for (String k : List.of("state_dict", "model_state_dict", "model")) {
                if (map.get(k) instanceof Map<?, ?> candidate && isTensorMap(candidate)) {
                    inner = candidate;
                    break;
                }
            }
            if (inner == null) {
                throw new CheckpointException(source, "no state dict found: top-level keys are " + map.keySet());
            }
            map = (Map<?, ?>) inner;
        }
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put((String) e.getKey(), (TorchTensor) e.getValue());
        }
        StateDict sd = new StateDict(out, source);
        return sd.allKeysStartWith("module.") ? sd.stripPrefix("module.") : sd;
    }

    private static boolean isTensorMap(Map<?, ?> m) {
        if (m.isEmpty()) {
            return false;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof TorchTensor)) {
                return false;
            }
        }
        return true;
    }

    private boolean allKeysStartWith(String prefix) {
        return !tensors.isEmpty() && tensors.keySet().stream().allMatch(k -> k.startsWith(prefix));
    }

    /** The entries whose name starts with {@code prefix}, with the prefix removed (e.g. {@code "speech_net."}). */
    public StateDict stripPrefix(String prefix) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        if (out.isEmpty()) {
            throw new CheckpointException(source, "no tensor name starts with '" + prefix + "'");
        }
        return new StateDict(out, source);
    }

    /** The entries whose name starts with one of {@code prefixes}, names unchanged (e.g. {@code "rnns.", "fc."}). */
    public StateDict select(String... prefixes) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            for (String p : prefixes) {
                if (k.startsWith(p)) {
                    out.put(k, v);
                    return;
                }
            }
        });
        return new StateDict(out, source);
    }

    /** True when at least one name starts with {@code prefix}. */
    public boolean hasPrefix(String prefix) {
        return tensors.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    public Set<String> keys() {
        return tensors.keySet();
    }

    public int size() {
        return tensors.size();
    }

    public Path source() {
        return source;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public TorchTensor tensor(String name) {
        TorchTensor t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException(source, "missing tensor '" + name + "'");
        }
        return t;
    }

    /** The tensor's elements in C order, after checking its shape equals {@code expectedShape}. */
    public float[] floats(String name, long... expectedShape) {
        TorchTensor t = tensor(name);
        if (!Arrays.equals(t.shape(), expectedShape)) {
            throw new CheckpointException(source, "tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(expectedShape));
        }
        return t.toFloatArray();
    }

    /**
     * Strict loading, like {@code load_state_dict(strict=True)}: fails naming every missing and unexpected key.
     * Keys in {@code ignorable} (e.g. {@code num_batches_tracked}) may be absent or present.
     */
    public void requireExactly(Set<String> expected, Set<String> ignorable) {
        Objects.requireNonNull(expected, "expected");
        List<String> missing = expected.stream().filter(k -> !tensors.containsKey(k)).sorted().toList();
        List<String> extra = tensors.keySet().stream()
                .filter(k -> !expected.contains(k) && !ignorable.contains(k)).sorted().toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new CheckpointException(source, "state dict does not fit the network: missing " + missing + ", unexpected " + extra);
        }
    }

    @Override
    public String toString() {
        return "StateDict[" + tensors.size() + " tensors from " + source + "]";
    }
}
