package org.affect4j.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchTensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds SameDiff layers from PyTorch state-dict tensors, one place that maps PyTorch names to graph variables.
 * Loading is strict, like {@code load_state_dict(strict=True)}: missing or mis-shaped tensors are collected while
 * the graph is built, and {@link #finish(String...)} fails with one {@link CheckpointException} listing every
 * missing, mis-shaped and unexpected name. Conv weights stay in PyTorch's OIYX layout. Not thread-safe (used
 * only while a graph is being built).
 */
public final class GraphWeights {

    private final SameDiff sd;
    private final StateDict weights;
    private final Set<String> used = new LinkedHashSet<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> misShaped = new ArrayList<>();
    private boolean trainable;

    public GraphWeights(SameDiff sd, StateDict weights) {
        this.sd = Objects.requireNonNull(sd, "sd");
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    public SameDiff sameDiff() {
        return sd;
    }

    /** Tensor {@code name} as a graph variable of {@code shape} (zeros, recorded as an error, when missing or mis-shaped). */
    public SDVariable param(String name, long... shape) {
        used.add(name);
        INDArray arr;
        if (!weights.contains(name)) {
            missing.add(name);
            arr = Nd4j.zeros(shape);
        } else {
            TorchTensor t = weights.tensor(name);
            if (!Arrays.equals(t.shape(), shape)) {
                misShaped.add(name + " " + Arrays.toString(t.shape()) + " (expected " + Arrays.toString(shape) + ")");
                arr = Nd4j.zeros(shape);
            } else {
                arr = Nd4j.create(t.toFloatArray(), shape, 'c');
            }
        }
        return trainable ? sd.var(name, arr) : sd.constant(name, arr);
    }

    /** Makes later parameters trainable variables (default: constants, for inference). */
    public GraphWeights trainable(boolean trainable) {
        this.trainable = trainable;
        return this;
    }

    /** {@code nn.Conv2d(cin, cout, k, stride, pad, bias)} in NCHW. */
    public SDVariable conv2d(SDVariable x, String prefix, int cin, int cout, int k, int stride, int pad, boolean bias) {
        SDVariable w = param(prefix + "weight", cout, cin, k, k);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                .dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build();
        return bias ? sd.cnn().conv2d(x, w, param(prefix + "bias", cout), cfg) : sd.cnn().conv2d(x, w, cfg);
    }

    /** {@code nn.BatchNorm1d/2d(channels)} in eval mode over axis 1, eps 1e-5. */
    public SDVariable batchNorm(SDVariable x, String prefix, int channels) {
        return sd.nn().batchNorm(x, param(prefix + "running_mean", channels), param(prefix + "running_var", channels),
                param(prefix + "weight", channels), param(prefix + "bias", channels), 1e-5, 1);
    }

    /** {@code nn.Linear(in, out)} on a 2-D input: x·Wᵀ + b. */
    public SDVariable linear(SDVariable x, String prefix, int in, int out) {
        return sd.mmul(x, param(prefix + "weight", out, in), false, true, false).add(param(prefix + "bias", out));
    }

    /**
     * Fails unless every tensor the graph asked for was present with the right shape and the state dict holds no
     * other tensor, except names ending in one of {@code ignorableSuffixes} (e.g. {@code num_batches_tracked}).
     */
    public void finish(String... ignorableSuffixes) {
        List<String> unexpected = weights.keys().stream()
                .filter(k -> !used.contains(k) && Arrays.stream(ignorableSuffixes).noneMatch(k::endsWith))
                .sorted().toList();
        if (!missing.isEmpty() || !misShaped.isEmpty() || !unexpected.isEmpty()) {
            throw new CheckpointException(weights.source(), "state dict does not fit the network: missing "
                    + abbreviate(missing) + ", mis-shaped " + abbreviate(misShaped) + ", unexpected " + abbreviate(unexpected));
        }
    }

    private static String abbreviate(List<String> l) {
        List<String> s = l.stream().sorted().toList();
        return s.size() <= 12 ? s.toString() : s.subList(0, 12) + " and " + (s.size() - 12) + " more";
    }
}
