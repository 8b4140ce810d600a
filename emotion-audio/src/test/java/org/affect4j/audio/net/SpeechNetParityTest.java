package org.affect4j.audio.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.affect4j.audio.SpeechFixtures;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Both inference engines — the SameDiff graph and the eager forward pass — against the PyTorch reference outputs. */
class SpeechNetParityTest {

    /** A speech network under test: (input, batch) → flat logits. */
    interface Engine {
        float[] run(float[] input, int batch);
    }

    enum Kind {
        SAMEDIFF, EAGER
    }

    private static Engine engine(Kind kind, StateDict weights) {
        if (kind == Kind.SAMEDIFF) {
            SameDiff sd = SpeechNet.build(weights);
            return (x, b) -> run(sd, x, b);
        }
        EagerSpeechNet net = EagerSpeechNet.create(weights);
        return (x, b) -> {
            float[][] rows = net.logits(x, b);
            float[] flat = new float[rows.length * 8];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, flat, i * 8, 8);
            }
            return flat;
        };
    }

    private static float[] run(SameDiff sd, float[] input, int batch) {
        try (INDArray x = Nd4j.create(input, new long[] {batch, 1, 128, 563}, 'c')) {
            Map<String, INDArray> out = sd.output(Map.of(SpeechNet.INPUT, x), SpeechNet.LOGITS);
            try (INDArray logits = out.get(SpeechNet.LOGITS)) {
                return logits.dup().data().asFloat();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void seedCheckpointReproducesTheSeedsLogits(Kind kind) {
        Engine sd = engine(kind, TorchCheckpoint.loadStateDict(SpeechFixtures.checkpoint()));
        double worst = 0;
        for (String clip : SpeechFixtures.CLIPS) {
            float[] x = Npy.read(SpeechFixtures.fixture(clip, "scaled")).toFloats();
            float[] ref = Npy.read(SpeechFixtures.fixture(clip, "logits")).toFloats();
            float[] got = sd.run(x, 1);
            double err = Npy.maxAbsDiff(got, ref);
            System.out.printf("%s logits %s: max |err| = %.3g (ref %s)%n", kind, clip, err, java.util.Arrays.toString(ref));
            worst = Math.max(worst, err);
        }
        assertTrue(worst <= 1e-3, "logit max abs error " + worst + " > 1e-3");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void randomWeightsFromTheZipCheckpointMatchPyTorch(Kind kind) {
        StateDict weights = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"))
                .stripPrefix("speech_net.");
        Engine sd = engine(kind, weights);
        float[] x = Npy.read(SharedData.require("reference/vision/speech_input.npy")).toFloats();
        float[] ref = Npy.read(SharedData.require("reference/vision/speech_out_logits.npy")).toFloats();
        float[] got = sd.run(x, 1);
        double scale = 0;
        for (float v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        double err = Npy.maxAbsDiff(got, ref);
        System.out.printf("%s random-weight speech logits: max |err| = %.3g, relative to scale %.3g = %.3g%n", kind, err, scale, err / scale);
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
        org.affect4j.core.CheckpointException eager = org.junit.jupiter.api.Assertions.assertThrows(
                org.affect4j.core.CheckpointException.class, () -> EagerSpeechNet.create(emonet));
        org.junit.jupiter.api.Assertions.assertEquals(e.getMessage(), eager.getMessage());
    }

    @Test
    void eagerBatchOfOneLeavesTheCallersThreadSettingAsItWas() {
        try (EagerSpeechNet net = EagerSpeechNet.create(TorchCheckpoint.loadStateDict(SpeechFixtures.checkpoint()))) {
            org.nd4j.nativeblas.NativeOps ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
            int before = ops.ompGetMaxThreads();
            net.logits(new float[128 * 563], 1);
            org.junit.jupiter.api.Assertions.assertEquals(before, ops.ompGetMaxThreads(), "OpenMP threads of the calling thread");
        }
    }

    @Test
    void eagerNetworkRejectsAMismatchedBatch() {
        try (EagerSpeechNet net = EagerSpeechNet.create(TorchCheckpoint.loadStateDict(SpeechFixtures.checkpoint()))) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> net.logits(new float[128 * 563 * 2 - 1], 2));
            assertTrue(e.getMessage().contains("expected 2 x 72064"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void batchOfFourEqualsFourSingles(Kind kind) {
        Engine sd = engine(kind, TorchCheckpoint.loadStateDict(SpeechFixtures.checkpoint()));
        float[] batch = new float[4 * 128 * 563];
        float[][] singles = new float[4][];
        for (int i = 0; i < 4; i++) {
            float[] x = Npy.read(SpeechFixtures.fixture(SpeechFixtures.CLIPS.get(i), "scaled")).toFloats();
            System.arraycopy(x, 0, batch, i * x.length, x.length);
            singles[i] = sd.run(x, 1);
        }
        float[] all = sd.run(batch, 4);
        for (int i = 0; i < 4; i++) {
            float[] row = java.util.Arrays.copyOfRange(all, i * 8, i * 8 + 8);
            double err = Npy.maxAbsDiff(row, singles[i]);
            assertTrue(err < 1e-4, "batch row " + i + " differs by " + err);
        }
    }
}
