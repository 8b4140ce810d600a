package org.affect4j.core.nn;

import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds SameDiff layers from PyTorch state-dict tensors, one place that maps PyTorch names to graph variables.
 * Loading is strict, like {@code load_state_dict(strict=True)}: missing or mis-shaped tensors are collected while
 * the graph is built, and {@link #finish(String...)} fails with one {@link org.affect4j.core.CheckpointException} listing every
 * missing, mis-shaped and unexpected name. Conv weights stay in PyTorch's OIYX layout. Not thread-safe (used
 * only while a graph is being built).
 */
public final class GraphWeights {

    private final SameDiff sd;
    private final StrictWeights weights;
    private boolean trainable;

    public GraphWeights(SameDiff sd, StateDict weights) {
        this.sd = Objects.requireNonNull(sd, "sd");
        this.weights = new StrictWeights(weights);
    }

    public SameDiff sameDiff() {
        return sd;
    }

    /** Tensor {@code name} as a graph variable of {@code shape} (zeros, recorded as an error, when missing or mis-shaped). */
    public SDVariable param(String name, long... shape) {
        INDArray arr = Nd4j.create(floats(name, shape), shape, 'c');
        return trainable ? sd.var(name, arr) : sd.constant(name, arr);
    }

    /** Marks a tensor as deliberately unused by the graph (so {@link #finish} does not report it as unexpected). */
    public void ignore(String name) {
        weights.ignore(name);
    }

    /** Makes later parameters trainable variables (default: constants, for inference). */
    public GraphWeights trainable(boolean trainable) {
        this.trainable = trainable;
        return this;
    }

    /** {@code nn.Conv2d(cin, cout, k, stride, pad, bias)} in NCHW. */
    public SDVariable conv2d(SDVariable x, String prefix, int cin, int cout, int k, int stride, int pad, boolean bias) {
        SDVariable w = param(prefix + "weight", cout, cin, k, k);
        return conv2d(x, w, bias ? param(prefix + "bias", cout) : null, k, stride, pad);
    }

    /**
     * A convolution with a weight variable in PyTorch's OIYX layout (any graph variable, e.g. one rescaled in the
     * graph) and an optional bias, NCHW. In trainable graphs the op is fed a permuted YXIO view, because conv2d_bp in
     * ND4J 1.0.0-M2.1 ignores weightsFormat and reads weights as YXIO (the permute is differentiable).
     */
    public SDVariable conv2d(SDVariable x, SDVariable oiyx, SDVariable bias, int k, int stride, int pad) {
        Conv2DConfig.Conv2DConfigBuilder cfg = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                .dataFormat("NCHW");
        SDVariable w = oiyx;
        if (trainable) {
            w = sd.permute(oiyx, 2, 3, 1, 0);
            cfg.weightsFormat(WeightsFormat.YXIO);
        } else {
            cfg.weightsFormat(WeightsFormat.OIYX);
        }
        return bias != null ? sd.cnn().conv2d(x, w, bias, cfg.build()) : sd.cnn().conv2d(x, w, cfg.build());
    }

    /**
     * {@code Conv2d} (with bias) followed by an eval-mode {@code BatchNorm2d}. For inference graphs the batch norm is
     * folded into the convolution at load time — w' = w·γ/√(σ²+ε), b' = (b − μ)·γ/√(σ²+ε) + β, in double precision —
     * removing one op per layer; trainable graphs keep both ops.
     */
    public SDVariable conv2dBatchNorm(SDVariable x, String convPrefix, String bnPrefix, int cin, int cout, int k, int stride, int pad) {
        if (trainable) {
            return batchNorm(conv2d(x, convPrefix, cin, cout, k, stride, pad, true), bnPrefix, cout);
        }
        float[][] folded = weights.foldedConvBatchNorm(convPrefix, bnPrefix, cin, cout, k);
        float[] fw = folded[0];
        float[] fb = folded[1];
        SDVariable wv = sd.constant(convPrefix + "weight_folded", Nd4j.create(fw, new long[] {cout, cin, k, k}, 'c'));
        SDVariable bv = sd.constant(convPrefix + "bias_folded", Nd4j.create(fb, new long[] {cout}, 'c'));
        return conv2d(x, wv, bv, k, stride, pad);
    }

    private float[] floats(String name, long... shape) {
        return weights.floats(name, shape);
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

    /** See {@link StrictWeights#finish(String...)}. */
    public void finish(String... ignorableSuffixes) {
        weights.finish(ignorableSuffixes);
    }

    /** Frees the native arrays {@code sd} holds (weights, constants, last outputs), for a graph that will not run again. */
    public static void closeArrays(SameDiff sd) {
        for (SDVariable v : sd.variables()) {
            INDArray arr = v.getArr();
            if (arr != null && arr.closeable()) {
                arr.close();
            }
        }
    }
}
