package org.affect4j.vision.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;

class EagerEmoNetTest {

    @Test
    void concurrentCallsGiveTheSequentialResultsAndClosedNetworksRefuse() throws Exception {
        EagerEmoNet net = EagerEmoNet.create(TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"))
                .stripPrefix("emonet_lstm.net."));
        double[] u8 = Npy.read(SharedData.require("reference/vision/emonet_input_u8.npy")).toDoubles();
        int per = 3 * 256 * 256;
        float[][] frames = new float[2][per];
        for (int f = 0; f < 2; f++) {
            for (int i = 0; i < per; i++) {
                frames[f][i] = (float) (u8[f * per + i] / 255.0);
            }
        }
        float[][] sequential = {net.forward(frames[0], 1)[0], net.forward(frames[1], 1)[0]};
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                float[] x = frames[i % 2];
                futures.add(pool.submit(() -> net.forward(x, 1)[0]));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(sequential[i % 2], futures.get(i).get(), 1e-5f, "concurrent call " + i);
            }
        } finally {
            pool.shutdown();
        }
        net.close();
        assertThrows(IllegalStateException.class, () -> net.forward(frames[0], 1));
    }
}
