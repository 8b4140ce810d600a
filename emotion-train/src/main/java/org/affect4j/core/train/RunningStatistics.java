package org.affect4j.core.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.affect4j.core.checkpoint.ModelArchive;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch-norm running statistics of a training graph whose batch norms normalise with batch statistics: kept by
 * state-dict name ({@code <prefix>running_mean}, {@code <prefix>running_var}), re-estimated from training batches
 * with PyTorch's cumulative estimate (mean of the batch means, mean of the unbiased batch variances), and saved in
 * and restored from training checkpoints. Not thread-safe.
 */
public final class RunningStatistics {

    /**
     * One batch-norm layer: its state-dict prefix, the graph variables holding the batch mean and the biased batch
     * variance, and how many values each channel's statistics are computed over per batch (for the unbiased
     * correction n / (n − 1)).
     */
    public record Layer(String prefix, String meanVariable, String varianceVariable, double valuesPerChannel) {
        public Layer {
            Objects.requireNonNull(prefix, "prefix");
            if (!(valuesPerChannel > 1)) {
                throw new IllegalArgumentException("batch statistics of " + prefix + " over " + valuesPerChannel + " values");
            }
        }
    }

    private final Map<String, float[]> values = new LinkedHashMap<>();

    /** Starts from the given running statistics (e.g. the initial weights'). */
    public void put(String stateDictName, float[] value) {
        values.put(stateDictName, value.clone());
    }

    /** The current value of {@code stateDictName}, or null when it is not a running statistic. */
    public float[] get(String stateDictName) {
        float[] v = values.get(stateDictName);
        return v == null ? null : v.clone();
    }

    /**
     * Replaces every layer's statistics by their estimate over {@code batches} batches: {@code batch.apply(k)} gives
     * the k-th batch's placeholder values by name (closed here).
     */
    public void reestimate(SameDiff graph, List<Layer> layers, int batches, IntFunction<Map<String, INDArray>> batch) {
        if (batches < 1) {
            throw new IllegalArgumentException("no batches to estimate batch-norm statistics from");
        }
        List<String> names = new ArrayList<>();
        for (Layer l : layers) {
            names.add(l.meanVariable());
            names.add(l.varianceVariable());
        }
        Map<String, double[]> sums = new HashMap<>();
        for (int k = 0; k < batches; k++) {
            Map<String, INDArray> in = batch.apply(k);
            try {
                Map<String, INDArray> out = graph.output(in, names.toArray(String[]::new));
                for (Layer l : layers) {
                    accumulate(sums, l.prefix() + "running_mean", out.get(l.meanVariable()), 1.0);
                    double n = l.valuesPerChannel();
                    accumulate(sums, l.prefix() + "running_var", out.get(l.varianceVariable()), n / (n - 1));
                }
                close(out);
            } finally {
                close(in);
            }
        }
        sums.forEach((key, s) -> {
            float[] f = new float[s.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (s[i] / batches);
            }
            values.put(key, f);
        });
    }

    private static void close(Map<String, INDArray> arrays) {
        arrays.values().forEach(a -> {
            if (a.closeable()) {
                a.close();
            }
        });
    }

    private static void accumulate(Map<String, double[]> sums, String key, INDArray v, double factor) {
        float[] f = v.dup('c').data().asFloat();
        double[] s = sums.computeIfAbsent(key, k -> new double[f.length]);
        for (int i = 0; i < f.length; i++) {
            s[i] += f[i] * factor;
        }
    }

    /** For {@link TrainingTask#extraState()}. */
    public Map<String, ModelArchive.Tensor> state() {
        Map<String, ModelArchive.Tensor> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, ModelArchive.Tensor.of(v, v.length)));
        return m;
    }

    /** For {@link TrainingTask#restoreExtraState(Map)}: takes the entries it knows, ignores the rest. */
    public void restore(Map<String, ModelArchive.Tensor> state) {
        state.forEach((k, v) -> {
            if (values.containsKey(k)) {
                values.put(k, v.toFloats());
            }
        });
    }
}
