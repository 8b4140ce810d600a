package org.affect4j.vision.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EmoNetParityTest {

    static double relErr(float[] got, float[] ref) {
        double scale = 0;
        for (float v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        return Npy.maxAbsDiff(got, ref) / scale;
    }

    @Test
    void expressionValenceArousalAndHeatmapMatchPyTorch() {
        StateDict all = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"));
        SameDiff sd = EmoNet.build(all.stripPrefix("emonet_lstm.net."));
        double[] u8 = Npy.read(SharedData.require("reference/vision/emonet_input_u8.npy")).toDoubles();
        float[] x = new float[u8.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (u8[i] / 255.0);
        }
        try (INDArray in = Nd4j.create(x, new long[] {2, 3, 256, 256}, 'c')) {
            long t0 = System.nanoTime();
            Map<String, INDArray> out = sd.output(Map.of(EmoNet.INPUT, in), EmoNet.EXPRESSION, EmoNet.VALENCE, EmoNet.AROUSAL, EmoNet.HEATMAP);
            System.out.printf("EmoNet forward, 2 frames: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            for (String k : new String[] {EmoNet.EXPRESSION, EmoNet.VALENCE, EmoNet.AROUSAL, EmoNet.HEATMAP}) {
                float[] ref = Npy.read(SharedData.require("reference/vision/emonet_out_" + k + ".npy")).toFloats();
                float[] got = out.get(k).dup().data().asFloat();
                double err = relErr(got, ref);
                System.out.printf("EmoNet %-10s: %d values, max |err| / max |ref| = %.3g%n", k, ref.length, err);
                assertTrue(err <= 1e-4, k + " relative error " + err);
            }
        }
    }

    @Test
    void eagerNetworkMatchesPyTorchAndTheGraph() {
        StateDict all = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"));
        double[] u8 = Npy.read(SharedData.require("reference/vision/emonet_input_u8.npy")).toDoubles();
        float[] x = new float[u8.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (u8[i] / 255.0);
        }
        float[] expression = Npy.read(SharedData.require("reference/vision/emonet_out_expression.npy")).toFloats();
        float[] valence = Npy.read(SharedData.require("reference/vision/emonet_out_valence.npy")).toFloats();
        float[] arousal = Npy.read(SharedData.require("reference/vision/emonet_out_arousal.npy")).toFloats();
        try (EagerEmoNet net = EagerEmoNet.create(all.stripPrefix("emonet_lstm.net."))) {
            long t0 = System.nanoTime();
            float[][] rows = net.forward(x, 2);
            System.out.printf("eager EmoNet forward, 2 frames: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            float[] e = new float[16];
            float[] v = new float[2];
            float[] a = new float[2];
            for (int i = 0; i < 2; i++) {
                System.arraycopy(rows[i], 0, e, 8 * i, 8);
                v[i] = rows[i][8];
                a[i] = rows[i][9];
            }
            double[] errs = {relErr(e, expression), relErr(v, valence), relErr(a, arousal)};
            System.out.printf("eager EmoNet vs PyTorch: expression %.3g, valence %.3g, arousal %.3g (max |err| / max |ref|)%n",
                    errs[0], errs[1], errs[2]);
            for (double err : errs) {
                assertTrue(err <= 1e-4, "relative error " + err);
            }
            // one frame alone gives the same row as inside the batch of two
            float[][] single = net.forward(java.util.Arrays.copyOfRange(x, x.length / 2, x.length), 1);
            assertTrue(Npy.maxAbsDiff(single[0], rows[1]) < 1e-4, "batch row differs from single frame");
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> net.forward(x, 3));
        }
        org.affect4j.core.CheckpointException bad = org.junit.jupiter.api.Assertions.assertThrows(org.affect4j.core.CheckpointException.class,
                () -> EagerEmoNet.create(all.stripPrefix("emonet_lstm.")));
        assertTrue(bad.getMessage().contains("missing [al0.bias") && bad.getMessage().contains("unexpected [fc.0.bias"), bad.getMessage());
    }
}
