package org.affect4j.audio.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.affect4j.audio.SpeechFixtures;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpeechNetParityTest {

    private static float[] run(SameDiff sd, float[] input, int batch) {
        try (INDArray x = Nd4j.create(input, new long[] {batch, 1, 128, 563}, 'c')) {
            Map<String, INDArray> out = sd.output(Map.of(SpeechNet.INPUT, x), SpeechNet.LOGITS);
            try (INDArray logits = out.get(SpeechNet.LOGITS)) {
                return logits.dup().data().asFloat();
            }
        }
    }

    @Test
    void seedCheckpointReproducesTheSeedsLogits() {
        SameDiff sd = SpeechNet.build(TorchCheckpoint.loadStateDict(SpeechFixtures.checkpoint()));
        double worst = 0;
        for (String clip : SpeechFixtures.CLIPS) {
            float[] x = Npy.read(SpeechFixtures.fixture(clip, "scaled")).toFloats();
            float[] ref = Npy.read(SpeechFixtures.fixture(clip, "logits")).toFloats();
            float[] got = run(sd, x, 1);
            double err = Npy.maxAbsDiff(got, ref);
            System.out.printf("logits %s: max |err| = %.3g (ref %s)%n", clip, err, java.util.Arrays.toString(ref));
            worst = Math.max(worst, err);
        }
        assertTrue(worst <= 1e-3, "logit max abs error " + worst + " > 1e-3");
    }

    @Test
    void randomWeightsFromTheZipCheckpointMatchPyTorch() {
        StateDict weights = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"))
                .stripPrefix("speech_net.");
        SameDiff sd = SpeechNet.build(weights);
        float[] x = Npy.read(SharedData.require("reference/vision/speech_input.npy")).toFloats();
        float[] ref = Npy.read(SharedData.require("reference/vision/speech_out_logits.npy")).toFloats();
        float[] got = run(sd, x, 1);
        double scale = 0;
        for (float v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        double err = Npy.maxAbsDiff(got, ref);
        System.out.printf("random-weight speech logits: max |err| = %.3g, relative to scale %.3g = %.3g%n", err, scale, err / scale);
        assertTrue(err / scale <= 1e-4, "relative error " + err / scale);
    }

    @Test
    void weightsOfAnotherNetworkAreRejectedStrictly() {
        StateDict emonet = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"))
                .stripPrefix("emonet_lstm.");
        org.affect4j.core.CheckpointException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.affect4j.core.CheckpointException.class, () -> SpeechNet.build(emonet));
        assertTrue(e.getMessage().contains("missing [conv2Dblock.0.bias") && e.getMessage().contains("unexpected [fc.0.bias"),
                e.getMessage());
    }

    @Test
    void batchOfFourEqualsFourSingles() {
        SameDiff sd = SpeechNet.build(TorchCheckpoint.loadStateDict(SpeechFixtures.checkpoint()));
        float[] batch = new float[4 * 128 * 563];
        float[][] singles = new float[4][];
        for (int i = 0; i < 4; i++) {
            float[] x = Npy.read(SpeechFixtures.fixture(SpeechFixtures.CLIPS.get(i), "scaled")).toFloats();
            System.arraycopy(x, 0, batch, i * x.length, x.length);
            singles[i] = run(sd, x, 1);
        }
        float[] all = run(sd, batch, 4);
        for (int i = 0; i < 4; i++) {
            float[] row = java.util.Arrays.copyOfRange(all, i * 8, i * 8 + 8);
            double err = Npy.maxAbsDiff(row, singles[i]);
            assertTrue(err < 1e-4, "batch row " + i + " differs by " + err);
        }
    }
}
