package org.affect4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.affect4j.core.CheckpointException;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointTest {

    @Test
    void readsTheSeedsLegacySpeechCheckpoint() {
        StateDict sd = TorchCheckpoint.loadStateDict(SharedData.require("reference/speech/cnn_transf_parallel_model.pt"));
        assertEquals(78, sd.size());
        long total = 0;
        for (String k : sd.keys()) {
            total += sd.tensor(k).numel();
        }
        assertEquals(395_532, total, "element count stated in shared/README.md");
        assertArrayEquals(new long[] {16, 1, 3, 3}, sd.tensor("conv2Dblock.0.weight").shape());
        assertArrayEquals(new long[] {192, 64}, sd.tensor("transf_encoder.layers.3.self_attn.in_proj_weight").shape());
        assertArrayEquals(new long[] {8, 320}, sd.tensor("out_linear.weight").shape());
        assertEquals(DType.INT64, sd.tensor("conv2Dblock.1.num_batches_tracked").dtype());
        assertEquals("conv2Dblock.0.weight", sd.keys().iterator().next(), "insertion order kept");
        float[] var = sd.tensor("conv2Dblock.1.running_var").toFloatArray();
        for (float v : var) {
            assertTrue(v > 0, "running variances are positive");
        }
    }

    @Test
    void zipAndLegacySerializationsOfTheSameWeightsAgree() {
        // the same random speech weights: legacy with a 'module.' prefix, and inside the zip multimodal checkpoint
        StateDict legacy = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/speech_random.module.legacy.pth"));
        Object root = TorchCheckpoint.load(SharedData.require("reference/vision/multimodal_random.pkl"));
        Map<?, ?> top = (Map<?, ?>) root;
        assertTrue(top.containsKey("optimizer") && top.containsKey("epoch"), "seed layout {'state_dict','optimizer','epoch'}: " + top.keySet());
        StateDict zip = StateDict.from(root, Path.of("multimodal_random.pkl")).stripPrefix("speech_net.");
        assertEquals(legacy.keys(), zip.keys(), "module. prefix stripped, same key order");
        int compared = 0;
        for (String k : legacy.keys()) {
            assertArrayEquals(legacy.tensor(k).shape(), zip.tensor(k).shape(), k);
            assertArrayEquals(legacy.tensor(k).toDoubleArray(), zip.tensor(k).toDoubleArray(), 0.0, k);
            compared++;
        }
        System.out.println("zip vs legacy: " + compared + " tensors bit-identical");
        StateDict all = StateDict.from(root, null);
        assertTrue(all.hasPrefix("emonet_lstm.net.") && all.hasPrefix("emonet_lstm.rnns.") && all.hasPrefix("fc."));
    }

    @Test
    void stridedViewsAndOffsetsAreHonoured() {
        TorchStorage s = new TorchStorage("k", DType.FLOAT32, 8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            b.putFloat(i);
        }
        s.attach(b.array(), 0, 32);
        // a transposed 2x3 view of elements 1..6 laid out as 3x2: t[i][j] = storage[1 + i + 2*j]
        TorchTensor t = TorchTensor.of(s, 1, new long[] {2, 3}, new long[] {1, 2}, 0);
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, t.toFloatArray());
        assertThrows(PickleException.class, () -> TorchTensor.of(s, 3, new long[] {2, 3}, new long[] {1, 2}, 0),
                "view reaching past the storage");
        assertThrows(PickleException.class, () -> TorchTensor.of(s, 0, new long[] {2}, new long[] {-1}, 0));
    }

    @Test
    void truncatedCheckpointsFailWithTheFileName(@TempDir Path tmp) throws IOException {
        byte[] full = Files.readAllBytes(SharedData.require("reference/speech/cnn_transf_parallel_model.pt"));
        int[] cuts = {0, 3, 10, 100, 5000, 13_950, 15_600, full.length / 2, full.length - 1};
        for (int cut : cuts) {
            Path f = tmp.resolve("cut" + cut + ".pt");
            Files.write(f, java.util.Arrays.copyOf(full, cut));
            CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(f), "cut at " + cut);
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
        byte[] zip = Files.readAllBytes(SharedData.require("reference/vision/speech_random.module.legacy.pth"));
        Path garbage = tmp.resolve("garbage.pt");
        byte[] g = zip.clone();
        g[2] ^= 0x55; // corrupt the magic number
        Files.write(garbage, g);
        CheckpointException bad = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(garbage));
        assertTrue(bad.getMessage().contains("garbage.pt") && bad.getMessage().contains("not a PyTorch checkpoint"), bad.getMessage());
        // files of other kinds say so, not how the pickle parser failed on them
        for (String other : new String[] {"ID3\u0004 an mp3 renamed .pt", "{\"weights\": [1, 2, 3]}", "\u0089PNG\r\n"}) {
            Path f = tmp.resolve("other.pt");
            Files.writeString(f, other + "0123456789");
            CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(f), other);
            assertTrue(e.getMessage().contains("other.pt") && e.getMessage().contains("not a PyTorch checkpoint: neither a zip"),
                    e.getMessage());
        }
        Path missing = tmp.resolve("nope.pt");
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(missing));
        assertTrue(e.getMessage().contains("not found"));
    }

    @Test
    void truncatedZipCheckpointFails(@TempDir Path tmp) throws IOException {
        byte[] full = Files.readAllBytes(SharedData.require("reference/vision/multimodal_random.pkl"));
        Path f = tmp.resolve("cut.pkl");
        Files.write(f, java.util.Arrays.copyOf(full, full.length / 3));
        assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(f));
    }

    @Test
    void strictLoadingNamesMissingAndUnexpectedKeys() {
        StateDict sd = TorchCheckpoint.loadStateDict(SharedData.require("reference/speech/cnn_transf_parallel_model.pt"));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> sd.requireExactly(java.util.Set.of("conv2Dblock.0.weight", "not.there"), java.util.Set.of()));
        assertTrue(e.getMessage().contains("not.there") && e.getMessage().contains("out_linear.weight"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> sd.floats("out_linear.weight", 8, 321));
        assertTrue(e.getMessage().contains("[8, 320]"), e.getMessage());
    }

    @Test
    void readsTheSeedsSklearnScaler() {
        SklearnScaler s = SklearnScaler.read(SharedData.require("reference/speech/speech_data_scaler.pkl"));
        assertEquals(72_064, s.features());
        double[] x = s.mean();
        double[] z = s.transform(x);
        for (double v : z) {
            assertEquals(0.0, v, 0.0);
        }
    }
}
