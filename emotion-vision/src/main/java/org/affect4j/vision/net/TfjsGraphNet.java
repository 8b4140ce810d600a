package org.affect4j.vision.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.TfjsGraphModel;
import org.affect4j.core.nn.EagerSupport;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a TensorFlow.js graph model of convolutional image classifiers on ND4J (eager, NHWC), node by node in
 * dependency order. The supported ops are the ones such graphs are converted to: {@code Placeholder}, {@code Const},
 * {@code _FusedConv2D} (fused {@code BiasAdd}, optionally {@code Relu}), {@code Conv2D}, {@code DepthwiseConv2dNative},
 * {@code MaxPool}, {@code AvgPool}, {@code AddV2} / {@code Add}, {@code BiasAdd}, {@code Relu}, {@code Mean} over the
 * spatial axes, {@code Softmax}, {@code Identity}. Everything is checked when the net is built — an unknown op, an
 * unsupported attribute (dilations, NCHW, explicit padding), a wrong input count or a cycle is a
 * {@link CheckpointException} naming the node — so nothing unchecked reaches a native kernel. Nothing in the graph is
 * executed as code: the node list only selects among these fixed operations.
 *
 * <p>Thread-safe: constants are read-only after construction; every call runs in a per-thread workspace.
 */
public final class TfjsGraphNet implements AutoCloseable {

    private static final Set<String> OPS = Set.of("Placeholder", "Const", "_FusedConv2D", "Conv2D", "DepthwiseConv2dNative",
            "MaxPool", "AvgPool", "AddV2", "Add", "BiasAdd", "Relu", "Mean", "Softmax", "Identity");

    private final String workspaceId = "affect4j-tfjsgraph-" + System.identityHashCode(this);
    private final String input;
    private final long[] inputShape; // NHWC, batch -1
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, INDArray> constants = new HashMap<>();
    private final String output;
    private volatile boolean closed;

    /** One node ready to run: its op, input node names and prepared geometry. */
    private record Step(String name, String op, List<String> inputs, Conv2DConfig conv, Pooling2DConfig pool, boolean relu) {
    }

    private TfjsGraphNet(TfjsGraphModel model, String input, String output) {
        this.input = input;
        this.output = output;
        TfjsGraphModel.Node in = model.node(input);
        if (!in.op().equals("Placeholder")) {
            throw new CheckpointException(model.source(), "input node '" + input + "' is a " + in.op() + ", not a Placeholder");
        }
        inputShape = placeholderShape(model, in);
        for (TfjsGraphModel.Node n : order(model, output)) {
            if (n.op().equals("Const")) {
                var t = model.weights().tensor(n.name());
                constants.put(n.name(), Nd4j.create(t.toFloatArray(), t.shape().length == 0 ? new long[] {1} : t.shape(), 'c'));
            } else if (!n.op().equals("Placeholder")) {
                steps.add(step(model, n));
            }
        }
    }

    /** Prepares the graph from {@code input} (a Placeholder) to {@code output}. */
    public static TfjsGraphNet create(TfjsGraphModel model, String input, String output) {
        Objects.requireNonNull(model, "model");
        return EagerSupport.prepare(() -> new TfjsGraphNet(model, input, output));
    }

    /** The input's NHWC shape, batch as -1 (e.g. {@code [-1, 64, 64, 1]}). */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /**
     * The output rows for {@code n} inputs of the input's shape, NHWC floats back to back.
     *
     * @throws IllegalArgumentException if the length does not match
     */
    public float[][] forward(float[] x, int n) {
        Objects.requireNonNull(x, "x");
        long per = inputShape[1] * inputShape[2] * inputShape[3];
        if (n < 1 || x.length != n * per) {
            throw new IllegalArgumentException("expected " + n + " inputs of " + inputShape[1] + "x" + inputShape[2] + "x"
                    + inputShape[3] + " = " + (n * per) + " values, got " + x.length);
        }
        if (closed) {
            throw new IllegalStateException("network is closed");
        }
        return EagerSupport.inWorkspace(workspaceId, () -> {
            Map<String, INDArray> values = new HashMap<>(constants);
            values.put(input, Nd4j.create(x, new long[] {n, inputShape[1], inputShape[2], inputShape[3]}, 'c'));
            for (Step s : steps) {
                values.put(s.name, run(s, values));
            }
            INDArray out = values.get(output);
            return out.reshape('c', n, out.length() / n);
        });
    }

    private static INDArray run(Step s, Map<String, INDArray> v) {
        INDArray a = v.get(s.inputs.get(0));
        switch (s.op) {
            case "_FusedConv2D", "Conv2D": {
                INDArray w = v.get(s.inputs.get(1));
                INDArray bias = s.inputs.size() > 2 ? v.get(s.inputs.get(2)) : null;
                INDArray y = w.size(0) == 1 && w.size(1) == 1 && s.conv.getSH() == 1 && s.conv.getSW() == 1
                        ? Nhwc.pointwise(a, w.reshape('c', w.size(2), w.size(3)), bias == null ? null : bias.reshape(1, bias.length()))
                        : Nhwc.conv2d(a, w, bias, s.conv);
                return s.relu ? Nhwc.relu(y) : y;
            }
            case "DepthwiseConv2dNative":
                return Nhwc.depthwise(a, v.get(s.inputs.get(1)), s.conv);
            case "MaxPool":
                return Nd4j.cnn().maxPooling2d(a, s.pool);
            case "AvgPool":
                return Nd4j.cnn().avgPooling2d(a, s.pool);
            case "AddV2", "Add":
                return a.add(v.get(s.inputs.get(1)));
            case "BiasAdd":
                return a.add(v.get(s.inputs.get(1)).reshape(1, 1, 1, a.size(3)));
            case "Relu":
                return Transforms.relu(a, true);
            case "Mean":
                return a.mean(1, 2);
            case "Softmax":
                return Transforms.softmax(a, true);
            case "Identity":
                return a;
            default:
                throw new IllegalStateException(s.op); // refused when built
        }
    }

    /** The nodes {@code output} depends on, dependencies first; refuses cycles and unknown ops. */
    private static List<TfjsGraphModel.Node> order(TfjsGraphModel model, String output) {
        List<TfjsGraphModel.Node> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> active = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        visit(model, model.node(output), done, active, out, unknown);
        if (!unknown.isEmpty()) {
            throw new CheckpointException(model.source(), "unsupported ops " + unknown + " (supported: " + OPS + ")");
        }
        return out;
    }

    private static void visit(TfjsGraphModel model, TfjsGraphModel.Node n, Set<String> done, Set<String> active,
                              List<TfjsGraphModel.Node> out, Set<String> unknown) {
        if (done.contains(n.name())) {
            return;
        }
        if (!active.add(n.name())) {
            throw new CheckpointException(model.source(), "the graph has a cycle through node '" + n.name() + "'");
        }
        if (!OPS.contains(n.op())) {
            unknown.add(n.op() + " (node '" + n.name() + "')");
        }
        for (String in : n.inputs()) {
            if (in.startsWith("^")) {
                continue; // control dependency: no data
            }
            visit(model, model.node(TfjsGraphModel.inputName(in)), done, active, out, unknown);
        }
        active.remove(n.name());
        done.add(n.name());
        out.add(n);
    }

    private static Step step(TfjsGraphModel model, TfjsGraphModel.Node n) {
        List<String> ins = new ArrayList<>();
        for (String in : n.inputs()) {
            if (!in.startsWith("^")) {
                if (!TfjsGraphModel.inputName(in).equals(in)) {
                    throw bad(model, n, "reads output '" + in + "'; only single-output nodes are supported");
                }
                ins.add(in);
            }
        }
        int arity = switch (n.op()) {
            case "_FusedConv2D" -> 3;
            case "Conv2D", "DepthwiseConv2dNative", "AddV2", "Add", "BiasAdd", "Mean" -> 2;
            default -> 1;
        };
        if (ins.size() != arity) {
            throw bad(model, n, "has " + ins.size() + " inputs, expected " + arity);
        }
        Conv2DConfig conv = null;
        Pooling2DConfig pool = null;
        boolean relu = false;
        switch (n.op()) {
            case "_FusedConv2D", "Conv2D", "DepthwiseConv2dNative" -> {
                requireNhwc(model, n);
                if (n.has("dilations") && java.util.Arrays.stream(n.integers("dilations")).anyMatch(d -> d != 1)) {
                    throw bad(model, n, "uses dilations " + java.util.Arrays.toString(n.integers("dilations")));
                }
                long[] strides = n.integers("strides");
                if (strides.length != 4 || strides[0] != 1 || strides[3] != 1 || strides[1] != strides[2] || strides[1] < 1) {
                    throw bad(model, n, "has strides " + java.util.Arrays.toString(strides));
                }
                long[] wShape = model.weights().contains(ins.get(1)) ? model.weights().tensor(ins.get(1)).shape() : null;
                if (wShape == null || wShape.length != 4 || wShape[0] != wShape[1]) {
                    throw bad(model, n, "needs a constant square HWIO filter, got " + (wShape == null ? "a computed one" : java.util.Arrays.toString(wShape)));
                }
                conv = Nhwc.conv((int) wShape[0], (int) strides[1], padding(model, n));
                if (n.op().equals("_FusedConv2D")) {
                    List<String> fused = n.strings("fused_ops");
                    if (!(fused.equals(List.of("BiasAdd")) || fused.equals(List.of("BiasAdd", "Relu")))) {
                        throw bad(model, n, "fuses " + fused + " (supported: BiasAdd, optionally Relu)");
                    }
                    if (n.has("num_args") && n.integer("num_args") != 1) {
                        throw bad(model, n, "has num_args " + n.integer("num_args"));
                    }
                    relu = fused.size() == 2;
                }
            }
            case "MaxPool", "AvgPool" -> {
                requireNhwc(model, n);
                long[] k = n.integers("ksize");
                long[] s = n.integers("strides");
                if (k.length != 4 || s.length != 4 || k[1] != k[2] || s[1] != s[2] || k[0] != 1 || k[3] != 1 || s[0] != 1 || s[3] != 1) {
                    throw bad(model, n, "has ksize " + java.util.Arrays.toString(k) + ", strides " + java.util.Arrays.toString(s));
                }
                boolean same = padding(model, n);
                if (n.op().equals("AvgPool") && same) {
                    throw bad(model, n, "average pooling with SAME padding is not supported");
                }
                pool = n.op().equals("MaxPool") ? Nhwc.maxPool((int) k[1], (int) s[1], same) : Nhwc.avgPool((int) k[1], (int) s[1]);
            }
            case "Mean" -> {
                float[] axes = model.weights().contains(ins.get(1)) ? model.weights().tensor(ins.get(1)).toFloatArray() : null;
                if (axes == null || axes.length != 2 || axes[0] != 1 || axes[1] != 2 || (n.has("keep_dims") && n.bool("keep_dims"))) {
                    throw bad(model, n, "only the spatial mean over axes [1, 2] without keep_dims is supported");
                }
            }
            default -> {
            }
        }
        return new Step(n.name(), n.op(), ins, conv, pool, relu);
    }

    private static boolean padding(TfjsGraphModel model, TfjsGraphModel.Node n) {
        String p = n.string("padding");
        return switch (p) {
            case "SAME" -> true;
            case "VALID" -> false;
            default -> throw bad(model, n, "has padding " + p);
        };
    }

    private static void requireNhwc(TfjsGraphModel model, TfjsGraphModel.Node n) {
        if (n.has("data_format") && !n.string("data_format").equals("NHWC")) {
            throw bad(model, n, "has data format " + n.string("data_format"));
        }
    }

    private static long[] placeholderShape(TfjsGraphModel model, TfjsGraphModel.Node n) {
        Object shape = n.attrs().get("shape");
        try {
            List<?> dims = (List<?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) shape).get("shape"))).get("dim");
            long[] s = new long[dims.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = Long.parseLong(String.valueOf(((Map<?, ?>) dims.get(i)).get("size")));
            }
            if (s.length != 4 || s[1] < 1 || s[2] < 1 || s[3] < 1 || s[1] * s[2] * s[3] > (1 << 24)) {
                throw bad(model, n, "has shape " + java.util.Arrays.toString(s) + "; an NHWC image input is needed");
            }
            return s;
        } catch (ClassCastException | NullPointerException | NumberFormatException e) {
            throw bad(model, n, "has no readable shape attribute");
        }
    }

    private static CheckpointException bad(TfjsGraphModel model, TfjsGraphModel.Node n, String problem) {
        return new CheckpointException(model.source(), "node '" + n.name() + "' (" + n.op() + ") " + problem);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Nhwc.closeAll(new ArrayList<>(constants.values()));
        }
    }
}
