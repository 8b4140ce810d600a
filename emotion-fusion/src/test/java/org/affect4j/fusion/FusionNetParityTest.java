package org.affect4j.fusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;

class FusionNetParityTest {

    /**
     * The fusion layer on the reference EmoNet-LSTM and speech outputs equals the seed's multimodal output. (Each
     * of those two inputs is itself parity-tested against the same fixtures in emotion-vision / emotion-audio.)
     */
    @Test
    void fusedLogitsMatchPyTorch() {
        FusionNet fusion = FusionNet.create(TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl")));
        float[] video = Npy.read(SharedData.require("reference/vision/emonet_lstm_out.npy")).toFloats();
        float[] speech = Npy.read(SharedData.require("reference/vision/speech_out_logits.npy")).toFloats();
        float[] ref = Npy.read(SharedData.require("reference/vision/multimodal_out.npy")).toFloats();
        float[] got = fusion.fuse(video, speech);
        double scale = 0;
        for (float v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        double rel = Npy.maxAbsDiff(got, ref) / scale;
        System.out.printf("fusion logits: max |err| / max |ref| = %.3g (ref %s)%n", rel, java.util.Arrays.toString(ref));
        assertTrue(rel <= 1e-4, "relative error " + rel);
    }
}
