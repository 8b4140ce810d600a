package org.affect4j.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * mixup (Zhang et al. 2018, "mixup: Beyond Empirical Risk Minimization") for a training batch: one weight
 * λ ~ Beta(α, α) per batch, every example mixed with a partner from a random permutation of the same batch,
 * {@code x = λ·x_i + (1 − λ)·x_partner}, and the one-hot targets mixed the same way (soft targets for a
 * softmax cross-entropy loss). Not part of any seed recipe: {@link #NONE} (α = 0) leaves batches unchanged.
 * Immutable; {@link #apply} draws only from the {@link Random} it is given, so a seeded run repeats exactly.
 *
 * @param alpha the Beta distribution's parameter; 0 = off, 0.2–0.4 are the values the paper used for speech
 */
public record Mixup(double alpha) {

    /** No mixing. */
    public static final Mixup NONE = new Mixup(0);

    public Mixup {
        if (!Double.isFinite(alpha) || alpha < 0) {
            throw new IllegalArgumentException("mixup alpha must be a finite number >= 0, got " + alpha);
        }
    }

    public boolean isNone() {
        return alpha == 0;
    }

    /**
     * A mixed batch: the features (new arrays, the inputs are not changed), the soft targets (rows sum to 1),
     * the weight λ of each example itself and each example's partner index.
     */
    public record Batch(List<float[]> features, float[][] targets, double lambda, int[] partner) {
    }

    /**
     * Mixes one batch. With {@link #NONE} the features are the given arrays and the targets one-hot.
     *
     * @param features examples of equal length
     * @param labels   their class indices in 0..classes-1
     * @throws IllegalArgumentException on differing counts or lengths or a label out of range
     */
    public Batch apply(List<float[]> features, int[] labels, int classes, Random rng) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(rng, "rng");
        int n = features.size();
        if (labels.length != n || n == 0) {
            throw new IllegalArgumentException("mixup needs a non-empty batch with one label per example: " + n + " examples, "
                    + labels.length + " labels");
        }
        int len = features.get(0).length;
        for (int i = 0; i < n; i++) {
            if (features.get(i).length != len) {
                throw new IllegalArgumentException("example " + i + " has " + features.get(i).length + " values, example 0 has " + len);
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside 0.." + (classes - 1));
            }
        }
        int[] partner = new int[n];
        for (int i = 0; i < n; i++) {
            partner[i] = i;
        }
        if (isNone()) {
            return new Batch(features, oneHotMix(labels, partner, 1.0, classes), 1.0, partner);
        }
        double lambda = beta(alpha, rng);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = partner[i];
            partner[i] = partner[j];
            partner[j] = t;
        }
        List<float[]> mixed = new ArrayList<>(n);
        float a = (float) lambda;
        float b = (float) (1 - lambda);
        for (int i = 0; i < n; i++) {
            float[] x = features.get(i);
            float[] y = features.get(partner[i]);
            float[] m = new float[len];
            for (int k = 0; k < len; k++) {
                m[k] = a * x[k] + b * y[k];
            }
            mixed.add(m);
        }
        return new Batch(mixed, oneHotMix(labels, partner, lambda, classes), lambda, partner);
    }

    private static float[][] oneHotMix(int[] labels, int[] partner, double lambda, int classes) {
        float[][] t = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            t[i][labels[i]] += (float) lambda;
            t[i][labels[partner[i]]] += (float) (1 - lambda);
        }
        return t;
    }

    /** A draw from Beta(a, a) as G1 / (G1 + G2) with G ~ Gamma(a, 1). */
    static double beta(double a, Random rng) {
        double g1 = gamma(a, rng);
        double g2 = gamma(a, rng);
        double s = g1 + g2;
        return s == 0 ? (rng.nextBoolean() ? 1.0 : 0.0) : g1 / s;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 through Gamma(shape + 1)·U^(1/shape). */
    static double gamma(double shape, Random rng) {
        if (shape < 1) {
            return gamma(shape + 1, rng) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
