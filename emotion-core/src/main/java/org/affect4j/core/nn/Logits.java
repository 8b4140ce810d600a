package org.affect4j.core.nn;

/** Small helpers over one example's logits, shared by trainers and evaluations. Stateless. */
public final class Logits {

    private Logits() {
    }

    /** Index of the largest value (first on ties). */
    public static int argmax(float[] v) {
        int a = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[a]) {
                a = i;
            }
        }
        return a;
    }

    /** Cross-entropy −log softmax(logits)[truth], computed stably in double precision. */
    public static double crossEntropy(float[] logits, int truth) {
        float max = logits[argmax(logits)];
        double z = 0;
        for (float v : logits) {
            z += Math.exp(v - max);
        }
        return -(logits[truth] - max - Math.log(z));
    }

    /** log softmax(z), in place, computed stably (max subtracted, sums in double precision). */
    public static void logSoftmaxInPlace(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (z[i] - log);
        }
    }

    /** log softmax(z) as a new array (see {@link #logSoftmaxInPlace}). */
    public static float[] logSoftmax(float[] z) {
        float[] out = z.clone();
        logSoftmaxInPlace(out);
        return out;
    }
}
