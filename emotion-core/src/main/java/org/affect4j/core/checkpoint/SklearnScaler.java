package org.affect4j.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.io.InputFiles;

/**
 * The parameters of a pickled scikit-learn {@code StandardScaler} ({@code mean_}, {@code scale_}), read safely.
 * Applying it is {@code (x - mean) / scale}. Immutable.
 */
public final class SklearnScaler {
    private final double[] mean;
    private final double[] scale;

    public SklearnScaler(double[] mean, double[] scale) {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " features, scale " + scale.length);
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /**
     * @throws CheckpointException naming the file if it is not a readable, safe pickle of a StandardScaler
     */
    public static SklearnScaler read(Path file) {
        InputFiles.requireRegular(file, CheckpointException::new);
        byte[] data;
        try {
            if (Files.size(file) > TorchCheckpoint.MAX_BYTES) {
                throw new CheckpointException(file, "scaler file too large");
            }
            TorchCheckpoint.requireHeap(file, Files.size(file) * 2, "the scaler pickle");
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "file not found");
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        }
        Object root;
        try {
            root = SafeUnpickler.loads(data);
        } catch (PickleException e) {
            throw new CheckpointException(file, e.getMessage(), e);
        }
        if (!(root instanceof PyObject o) || !o.className().endsWith(".StandardScaler")) {
            throw new CheckpointException(file, "expected a pickled sklearn StandardScaler, found " + SafeUnpickler.describe(root));
        }
        Map<Object, Object> state = o.state();
        double[] mean = array(file, state, "mean_");
        double[] scale = array(file, state, "scale_");
        if (mean.length != scale.length) {
            throw new CheckpointException(file, "mean_ has " + mean.length + " features but scale_ has " + scale.length);
        }
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(mean[i])) {
                throw new CheckpointException(file, "feature " + i + " has invalid mean/scale " + mean[i] + "/" + scale[i]);
            }
        }
        return new SklearnScaler(mean, scale);
    }

    private static double[] array(Path file, Map<Object, Object> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof NumpyArray a)) {
            throw new CheckpointException(file, "StandardScaler has no numpy array '" + key + "' (with_mean/with_std disabled?)");
        }
        return a.toDoubleArray();
    }

    /**
     * Fits a scaler the way scikit-learn's {@code StandardScaler().fit(X)} does: per-feature mean and population
     * standard deviation (ddof 0), a zero deviation replaced by 1. Rows are samples; all rows the same length.
     * Accumulates in double precision with Welford's update, so it is stable for any number of rows.
     */
    public static SklearnScaler fit(Iterable<double[]> rows) {
        double[] mean = null;
        double[] m2 = null;
        long n = 0;
        for (double[] r : rows) {
            if (mean == null) {
                mean = new double[r.length];
                m2 = new double[r.length];
            } else if (r.length != mean.length) {
                throw new IllegalArgumentException("row " + n + " has " + r.length + " features, expected " + mean.length);
            }
            n++;
            for (int i = 0; i < r.length; i++) {
                double d = r[i] - mean[i];
                mean[i] += d / n;
                m2[i] += d * (r[i] - mean[i]);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a scaler on zero rows");
        }
        double[] scale = new double[mean.length];
        for (int i = 0; i < scale.length; i++) {
            double sd = Math.sqrt(m2[i] / n);
            scale[i] = sd == 0 ? 1.0 : sd;
        }
        return new SklearnScaler(mean, scale);
    }

    /**
     * A standard scaler whose statistics are pooled over consecutive runs of {@code groupSize} features: each row is
     * read as (row length / groupSize) groups (e.g. a row-major mel spectrogram [bins][frames] with groupSize =
     * frames gives one mean and population deviation per mel bin, over all frames of all rows), and every feature
     * gets its group's statistics — a scaler of the usual shape, so it is applied and stored like any other. A zero
     * deviation is replaced by 1, as scikit-learn does. Welford's update in double precision.
     *
     * @throws IllegalArgumentException on zero rows, rows of differing length, or a length not divisible by groupSize
     */
    public static SklearnScaler fitPooled(Iterable<double[]> rows, int groupSize) {
        if (groupSize <= 0) {
            throw new IllegalArgumentException("groupSize must be positive, got " + groupSize);
        }
        double[] mean = null;
        double[] m2 = null;
        long[] count = null;
        int len = -1;
        long n = 0;
        for (double[] r : rows) {
            if (mean == null) {
                len = r.length;
                if (len % groupSize != 0) {
                    throw new IllegalArgumentException("rows of " + len + " features do not split into groups of " + groupSize);
                }
                mean = new double[len / groupSize];
                m2 = new double[mean.length];
                count = new long[mean.length];
            } else if (r.length != len) {
                throw new IllegalArgumentException("row " + n + " has " + r.length + " features, expected " + len);
            }
            n++;
            for (int g = 0; g < mean.length; g++) {
                for (int i = g * groupSize; i < (g + 1) * groupSize; i++) {
                    count[g]++;
                    double d = r[i] - mean[g];
                    mean[g] += d / count[g];
                    m2[g] += d * (r[i] - mean[g]);
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a scaler on zero rows");
        }
        double[] fullMean = new double[len];
        double[] fullScale = new double[len];
        for (int g = 0; g < mean.length; g++) {
            double sd = Math.sqrt(m2[g] / count[g]);
            java.util.Arrays.fill(fullMean, g * groupSize, (g + 1) * groupSize, mean[g]);
            java.util.Arrays.fill(fullScale, g * groupSize, (g + 1) * groupSize, sd == 0 ? 1.0 : sd);
        }
        return new SklearnScaler(fullMean, fullScale);
    }

    public int features() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    /** {@code (x[i] - mean[i]) / scale[i]} in double precision, into a new array. */
    public double[] transform(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("scaler expects " + mean.length + " features, got " + x.length);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mean[i]) / scale[i];
        }
        return out;
    }
}
