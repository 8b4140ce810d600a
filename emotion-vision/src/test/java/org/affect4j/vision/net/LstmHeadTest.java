package org.affect4j.vision.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The LSTM head against a plain-Java statement of PyTorch's nn.LSTM equations (independent of lstmLayer). */
class LstmHeadTest {

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** One direction of one PyTorch LSTM layer: gates i, f, g, o; returns (T, H). */
    static double[][] lstm(double[][] x, float[] wih, float[] whh, float[] bih, float[] bhh, int nIn, int h, boolean reverse) {
        int t = x.length;
        double[][] out = new double[t][h];
        double[] hs = new double[h];
        double[] cs = new double[h];
        for (int s = 0; s < t; s++) {
            int step = reverse ? t - 1 - s : s;
            double[] z = new double[4 * h];
            for (int r = 0; r < 4 * h; r++) {
                double acc = bih[r] + bhh[r];
                for (int k = 0; k < nIn; k++) {
                    acc += wih[r * nIn + k] * x[step][k];
                }
                for (int k = 0; k < h; k++) {
                    acc += whh[r * h + k] * hs[k];
                }
                z[r] = acc;
            }
            for (int j = 0; j < h; j++) {
                double i = sigmoid(z[j]);
                double f = sigmoid(z[h + j]);
                double g = Math.tanh(z[2 * h + j]);
                double o = sigmoid(z[3 * h + j]);
                cs[j] = f * cs[j] + i * g;
                hs[j] = o * Math.tanh(cs[j]);
                out[step][j] = hs[j];
            }
        }
        return out;
    }

    @Test
    void matchesPyTorchLstmEquations() {
        StateDict w = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl")).stripPrefix("emonet_lstm.");
        StateDict head = w.select("rnns.", "fc.");
        SameDiff sd = LstmHead.build(head);
        java.util.Random rng = new java.util.Random(3);
        double[][] x = new double[90][8];
        float[] flat = new float[90 * 8];
        for (int t = 0; t < 90; t++) {
            for (int k = 0; k < 8; k++) {
                x[t][k] = rng.nextGaussian() * 2;
                flat[t * 8 + k] = (float) x[t][k];
                x[t][k] = flat[t * 8 + k];
            }
        }
        // reference in double precision
        double[][] in = x;
        int nIn = 8;
        for (int l = 0; l < 2; l++) {
            String s = "rnns.";
            double[][] fw = lstm(in, head.tensor(s + "weight_ih_l" + l).toFloatArray(), head.tensor(s + "weight_hh_l" + l).toFloatArray(),
                    head.tensor(s + "bias_ih_l" + l).toFloatArray(), head.tensor(s + "bias_hh_l" + l).toFloatArray(), nIn, 64, false);
            double[][] bw = lstm(in, head.tensor(s + "weight_ih_l" + l + "_reverse").toFloatArray(), head.tensor(s + "weight_hh_l" + l + "_reverse").toFloatArray(),
                    head.tensor(s + "bias_ih_l" + l + "_reverse").toFloatArray(), head.tensor(s + "bias_hh_l" + l + "_reverse").toFloatArray(), nIn, 64, true);
            double[][] cat = new double[90][128];
            for (int t = 0; t < 90; t++) {
                System.arraycopy(fw[t], 0, cat[t], 0, 64);
                System.arraycopy(bw[t], 0, cat[t], 64, 64);
            }
            in = cat;
            nIn = 128;
        }
        double[] f0 = linear(flatten(in), head.tensor("fc.0.weight").toFloatArray(), head.tensor("fc.0.bias").toFloatArray(), 11520, 64);
        double[] ref = linear(f0, head.tensor("fc.1.weight").toFloatArray(), head.tensor("fc.1.bias").toFloatArray(), 64, 8);
        try (INDArray xs = Nd4j.create(flat, new long[] {1, 90, 8}, 'c')) {
            float[] got = sd.output(Map.of(LstmHead.INPUT, xs), LstmHead.LOGITS).get(LstmHead.LOGITS).dup().data().asFloat();
            double scale = 0;
            double err = 0;
            for (int i = 0; i < 8; i++) {
                scale = Math.max(scale, Math.abs(ref[i]));
                err = Math.max(err, Math.abs(ref[i] - got[i]));
            }
            System.out.printf("LSTM head vs PyTorch equations: max |err| / scale = %.3g%n", err / scale);
            assertTrue(err / scale < 1e-4, "relative error " + err / scale);
        }
    }

    static double[] flatten(double[][] a) {
        double[] r = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, r, i * a[0].length, a[0].length);
        }
        return r;
    }

    static double[] linear(double[] x, float[] w, float[] b, int in, int out) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double acc = b[o];
            for (int i = 0; i < in; i++) {
                acc += w[o * in + i] * x[i];
            }
            y[o] = acc;
        }
        return y;
    }
}
