package org.affect4j.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.CheckpointException;

/**
 * A TensorFlow.js <em>graph model</em> ({@code model.json} with {@code "format": "graph-model"}): the node list of
 * its {@code modelTopology} (name, op, inputs, attributes, in file order) and its weights, read through
 * {@link TfjsWeights} from the {@code weightsManifest}. Only the description is read here; running it is the job of
 * a network class that knows which ops it supports and refuses the rest. Immutable.
 */
public final class TfjsGraphModel {

    /** Ceiling on the size of the JSON description itself (16 MiB). */
    public static final long MAX_JSON_BYTES = 16L << 20;

    private final Path source;
    private final List<Node> nodes;
    private final Map<String, Node> byName;
    private final StateDict weights;

    /**
     * One graph node. Attribute values keep TensorFlow's JSON encoding ({@code {"i": "2"}}, {@code {"s": base64}},
     * {@code {"list": {"i": [...]}}} …); the accessors decode them and fail with a {@link CheckpointException}.
     */
    public record Node(String name, String op, List<String> inputs, Map<String, Object> attrs, Path source) {

        public Node {
            inputs = List.copyOf(inputs);
            attrs = Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
        }

        /** A string attribute ({@code s}, base64 in the file), decoded as UTF-8. */
        public String string(String attr) {
            Object s = value(attr, "s");
            try {
                return new String(Base64.getDecoder().decode((String) s), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw bad(attr, "is not a base64 string");
            }
        }

        /** An integer attribute ({@code i}, a decimal string or number in the file). */
        public long integer(String attr) {
            return toLong(value(attr, "i"), attr);
        }

        /** A float attribute ({@code f}). */
        public double real(String attr) {
            if (value(attr, "f") instanceof Double d) {
                return d;
            }
            throw bad(attr, "is not a number");
        }

        /** A boolean attribute ({@code b}). */
        public boolean bool(String attr) {
            if (value(attr, "b") instanceof Boolean b) {
                return b;
            }
            throw bad(attr, "is not a boolean");
        }

        /** An integer-list attribute ({@code list.i}); empty when the list is empty. */
        public long[] integers(String attr) {
            List<?> l = list(attr, "i");
            long[] out = new long[l.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = toLong(l.get(k), attr);
            }
            return out;
        }

        /** A string-list attribute ({@code list.s}), each decoded from base64. */
        public List<String> strings(String attr) {
            List<String> out = new ArrayList<>();
            for (Object o : list(attr, "s")) {
                try {
                    out.add(new String(Base64.getDecoder().decode((String) o), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException | ClassCastException e) {
                    throw bad(attr, "holds a value that is not a base64 string");
                }
            }
            return out;
        }

        public boolean has(String attr) {
            return attrs.containsKey(attr);
        }

        private List<?> list(String attr, String kind) {
            if (!(value(attr, "list") instanceof Map<?, ?> m)) {
                throw bad(attr, "is not a list");
            }
            Object l = m.get(kind);
            if (l == null) {
                return List.of();
            }
            if (l instanceof List<?> list) {
                return list;
            }
            throw bad(attr, "is not a list of '" + kind + "'");
        }

        private Object value(String attr, String kind) {
            if (!(attrs.get(attr) instanceof Map<?, ?> m)) {
                throw bad(attr, "is missing");
            }
            if (!m.containsKey(kind)) {
                throw bad(attr, "has no '" + kind + "' value (has " + m.keySet() + ")");
            }
            return m.get(kind);
        }

        private long toLong(Object o, String attr) {
            try {
                if (o instanceof String s) {
                    return Long.parseLong(s);
                }
                if (o instanceof Double d && d == Math.rint(d)) {
                    return d.longValue();
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw bad(attr, "holds " + TfjsWeights.kind(o) + ", not an integer");
        }

        private CheckpointException bad(String attr, String problem) {
            return new CheckpointException(source, "node '" + name + "' (" + op + "): attribute '" + attr + "' " + problem);
        }
    }

    private TfjsGraphModel(Path source, List<Node> nodes, StateDict weights) {
        this.source = source;
        this.nodes = List.copyOf(nodes);
        Map<String, Node> m = new LinkedHashMap<>();
        for (Node n : nodes) {
            m.put(n.name(), n);
        }
        this.byName = Collections.unmodifiableMap(m);
        this.weights = weights;
    }

    /** Reads {@code model.json} and the weight shards beside it. */
    public static TfjsGraphModel read(Path modelJson) {
        Objects.requireNonNull(modelJson, "modelJson");
        Object json = TfjsWeights.parseJsonFile(modelJson, MAX_JSON_BYTES);
        return of(modelJson, json, TfjsWeights.folder(modelJson), TfjsWeights.MAX_BYTES);
    }

    /** Reads a graph model from the classpath: {@code folder/jsonName} and its shards in the same folder. */
    public static TfjsGraphModel readResource(Class<?> anchor, String folder, String jsonName) {
        Path source = Path.of(folder, jsonName);
        TfjsWeights.ShardSource shards = TfjsWeights.classpath(anchor, folder);
        try (InputStream in = shards.open(jsonName)) {
            if (in == null) {
                throw new CheckpointException(source, "resource not found on the classpath");
            }
            byte[] b = in.readNBytes((int) MAX_JSON_BYTES + 1);
            if (b.length > MAX_JSON_BYTES) {
                throw new CheckpointException(source, "JSON exceeds the " + MAX_JSON_BYTES + "-byte limit");
            }
            return of(source, TfjsWeights.parseJson(source, new String(b, StandardCharsets.UTF_8)), shards, TfjsWeights.MAX_BYTES);
        } catch (IOException e) {
            throw new CheckpointException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Builds the model from parsed JSON (see {@link #read}). */
    public static TfjsGraphModel of(Path source, Object json, TfjsWeights.ShardSource shards, long maxBytes) {
        Map<?, ?> root = TfjsWeights.asMap(source, json, "graph model");
        if (root.containsKey("format") && !"graph-model".equals(root.get("format"))) {
            throw new CheckpointException(source, "format is " + TfjsWeights.kind(root.get("format")) + ", not 'graph-model'");
        }
        Map<?, ?> topology = TfjsWeights.asMap(source, root.get("modelTopology"), "modelTopology");
        List<Node> nodes = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Object o : TfjsWeights.asList(source, topology.get("node"), "modelTopology.node")) {
            Map<?, ?> n = TfjsWeights.asMap(source, o, "a node");
            if (!(n.get("name") instanceof String name) || name.isEmpty() || !(n.get("op") instanceof String op)) {
                throw new CheckpointException(source, "a node without a name or op: " + n.keySet());
            }
            if (seen.put(name, Boolean.TRUE) != null) {
                throw new CheckpointException(source, "node '" + name + "' appears twice");
            }
            List<String> inputs = new ArrayList<>();
            if (n.get("input") != null) {
                for (Object in : TfjsWeights.asList(source, n.get("input"), "node '" + name + "'.input")) {
                    if (!(in instanceof String s)) {
                        throw new CheckpointException(source, "node '" + name + "' has a non-string input " + TfjsWeights.kind(in));
                    }
                    inputs.add(s);
                }
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            if (n.get("attr") != null) {
                for (Map.Entry<?, ?> a : TfjsWeights.asMap(source, n.get("attr"), "node '" + name + "'.attr").entrySet()) {
                    attrs.put((String) a.getKey(), a.getValue());
                }
            }
            nodes.add(new Node(name, op, inputs, attrs, source));
        }
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                String ref = inputName(in);
                if (!seen.containsKey(ref)) {
                    throw new CheckpointException(source, "node '" + n.name() + "' reads '" + in + "', which no node defines");
                }
            }
        }
        StateDict weights = TfjsWeights.decode(source, root.get("weightsManifest"), shards, maxBytes);
        for (Node n : nodes) {
            if (n.op().equals("Const") && !weights.contains(n.name())) {
                throw new CheckpointException(source, "constant node '" + n.name() + "' has no weight in the manifest");
            }
        }
        return new TfjsGraphModel(source, nodes, weights);
    }

    /** A node input's node name: {@code "a:1"} → {@code "a"}, {@code "^a"} (control input) → {@code "a"}. */
    public static String inputName(String input) {
        String s = input.startsWith("^") ? input.substring(1) : input;
        int colon = s.lastIndexOf(':');
        return colon > 0 && s.substring(colon + 1).chars().allMatch(Character::isDigit) ? s.substring(0, colon) : s;
    }

    public Path source() {
        return source;
    }

    /** All nodes in file order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The node called {@code name}. */
    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new CheckpointException(source, "no node '" + name + "'");
        }
        return n;
    }

    /** The constants (weights), by node name. */
    public StateDict weights() {
        return weights;
    }
}
