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

/**
 * Strict reading of a state dict, like PyTorch's {@code load_state_dict(strict=True)}: every tensor a network asks
 * for is checked for presence and shape while the network is built, and {@link #finish(String...)} fails with one
 * {@link CheckpointException} that lists every missing, mis-shaped and unexpected name. Shared by the SameDiff graph
 * builders ({@link GraphWeights}) and the eager inference networks. Not thread-safe (used while a network is built).
 */
public final class StrictWeights {

    private final StateDict weights;
    private final Set<String> used = new LinkedHashSet<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> misShaped = new ArrayList<>();

    public StrictWeights(StateDict weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    public StateDict stateDict() {
        return weights;
    }

    /** A tensor's values, recorded as used; zeros (and an error reported by {@link #finish}) when missing or mis-shaped. */
    public float[] floats(String name, long... shape) {
        used.add(name);
        if (!weights.contains(name)) {
            missing.add(name);
            return new float[size(shape)];
        }
        TorchTensor t = weights.tensor(name);
        if (!Arrays.equals(t.shape(), shape)) {
            misShaped.add(name + " " + Arrays.toString(t.shape()) + " (expected " + Arrays.toString(shape) + ")");
            return new float[size(shape)];
        }
        return t.toFloatArray();
    }

    /** Marks a tensor as deliberately unused (so {@link #finish} does not report it as unexpected). */
    public void ignore(String name) {
        used.add(name);
    }

    /**
     * {@code Conv2d} (weight OIYX and bias) followed by an eval-mode {@code BatchNorm2d} (eps 1e-5), folded into one
     * convolution in double precision: w' = w·γ/√(σ²+ε), b' = (b − μ)·γ/√(σ²+ε) + β. Returns {weight, bias}.
     */
    public float[][] foldedConvBatchNorm(String convPrefix, String bnPrefix, int cin, int cout, int k) {
        float[] w = floats(convPrefix + "weight", cout, cin, k, k);
        float[] b = floats(convPrefix + "bias", cout);
        float[] mean = floats(bnPrefix + "running_mean", cout);
        float[] var = floats(bnPrefix + "running_var", cout);
        float[] gamma = floats(bnPrefix + "weight", cout);
        float[] beta = floats(bnPrefix + "bias", cout);
        int per = cin * k * k;
        float[] fw = new float[w.length];
        float[] fb = new float[cout];
        for (int o = 0; o < cout; o++) {
            double scale = gamma[o] / Math.sqrt((double) var[o] + 1e-5);
            for (int i = 0; i < per; i++) {
                fw[o * per + i] = (float) (w[o * per + i] * scale);
            }
            fb[o] = (float) ((b[o] - (double) mean[o]) * scale + beta[o]);
        }
        return new float[][] {fw, fb};
    }

    /**
     * Fails unless every tensor asked for was present with the right shape and the state dict holds no other
     * tensor, except names ending in one of {@code ignorableSuffixes} (e.g. {@code num_batches_tracked}).
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

    private static int size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private static String abbreviate(List<String> l) {
        List<String> s = l.stream().sorted().toList();
        return s.size() <= 12 ? s.toString() : s.subList(0, 12) + " and " + (s.size() - 12) + " more";
    }
}
