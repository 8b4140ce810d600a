package org.affect4j.vision.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;

class EmoNetLstmParityTest {

    @Test
    void ninetyFrameClipMatchesPyTorch() {
        EmoNetLstm model = EmoNetLstm.create(TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl")), 6);
        double[] u8 = Npy.read(SharedData.require("reference/vision/clip_input_u8.npy")).toDoubles();
        float[] x = new float[u8.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (u8[i] / 255.0);
        }
        long t0 = System.nanoTime();
        EmoNetLstm.FrameOutputs frames = model.frames(x, 90);
        float[] logits = model.sequenceLogits(frames.expression());
        System.out.printf("EmoNet-LSTM 90 frames: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        float[] ref = Npy.read(SharedData.require("reference/vision/emonet_lstm_out.npy")).toFloats();
        double rel = EmoNetParityTest.relErr(logits, ref);
        System.out.printf("EmoNet-LSTM logits: max |err| / max |ref| = %.3g (ref %s)%n", rel, java.util.Arrays.toString(ref));
        assertTrue(rel <= 1e-4, "relative error " + rel);
    }
}
