package org.affect4j.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.affect4j.core.Prediction;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.io.BgrImage;
import org.junit.jupiter.api.Test;

class EmoNetImageModelTest {

    @Test
    void stillImageApiReproducesEmoNetOnTheFixtureFrame() {
        EmoNetImageModel m = EmoNetImageModel.create(
                TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl")), VideoOptions.ChannelOrder.BGR);
        double[] planar = Npy.read(SharedData.require("reference/vision/emonet_input_u8.npy")).toDoubles();
        byte[] bgr = new byte[256 * 256 * 3];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 256 * 256; i++) {
                bgr[i * 3 + c] = (byte) (int) planar[c * 256 * 256 + i]; // frame 0, plane c = channel c (B, G, R)
            }
        }
        Prediction p = m.predictCrop(BgrImage.wrap(256, 256, bgr));
        float[] ref = java.util.Arrays.copyOfRange(Npy.read(SharedData.require("reference/vision/emonet_out_expression.npy")).toFloats(), 0, 8);
        double err = Npy.maxAbsDiff(p.logits(), ref);
        System.out.printf("EmoNet image API, frame 0: max |expression err| = %.3g; valence %.5f%n", err, p.valence().getAsDouble());
        assertTrue(err < 1e-4, "error " + err);
        assertEquals(Npy.read(SharedData.require("reference/vision/emonet_out_valence.npy")).toDoubles()[0], p.valence().getAsDouble(), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> m.predictCrop(BgrImage.black(100, 100)));
    }
}
