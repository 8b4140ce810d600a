package org.affect4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.affect4j.core.CheckpointException;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointWriterTest {

    @Test
    void theSeedsCheckpointWrittenAndReadBackIsIdentical(@TempDir Path tmp) {
        StateDict seed = TorchCheckpoint.loadStateDict(SharedData.require("reference/speech/cnn_transf_parallel_model.pt"));
        Path out = tmp.resolve("speech.pt");
        TorchCheckpointWriter.write(seed, out);
        StateDict back = TorchCheckpoint.loadStateDict(out);
        assertEquals(new ArrayList<>(seed.keys()), new ArrayList<>(back.keys()), "same keys in the same order");
        for (String k : seed.keys()) {
            TorchTensor a = seed.tensor(k);
            TorchTensor b = back.tensor(k);
            assertArrayEquals(a.shape(), b.shape(), k);
            assertEquals(a.dtype(), b.dtype(), k);
            assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0, k);
        }
        assertEquals(DType.INT64, back.tensor("conv2Dblock.1.num_batches_tracked").dtype());
        assertEquals(0, back.tensor("conv2Dblock.1.num_batches_tracked").shape().length, "a 0-d tensor, as torch stores it");
    }

    @Test
    void theArchiveHasTorchsZipLayoutStoredUncompressed(@TempDir Path tmp) throws IOException {
        Map<String, TorchTensor> t = new LinkedHashMap<>();
        t.put("layer.weight", TorchTensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        t.put("layer.bias", TorchTensor.ofFloats(new float[] {-1.5f, 2.5f}, 2));
        Path out = tmp.resolve("tiny.pt");
        TorchCheckpointWriter.write(StateDict.of(t, null), out);
        try (ZipFile zip = new ZipFile(out.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            assertEquals(List.of("archive/data.pkl", "archive/byteorder", "archive/data/0", "archive/data/1", "archive/version"), names);
            for (ZipEntry e : names.stream().map(zip::getEntry).toList()) {
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
            }
            assertEquals("3\n", new String(zip.getInputStream(zip.getEntry("archive/version")).readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals(8, zip.getEntry("archive/data/1").getSize(), "two float32 values");
            String pickle = new String(zip.getInputStream(zip.getEntry("archive/data.pkl")).readAllBytes(), StandardCharsets.ISO_8859_1);
            for (String global : List.of("collections\nOrderedDict\n", "torch._utils\n_rebuild_tensor_v2\n", "torch\nFloatStorage\n")) {
                assertTrue(pickle.contains(global), global);
            }
        }
        StateDict back = TorchCheckpoint.loadStateDict(out);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, back.floats("layer.weight", 2, 3), 0f);
        assertArrayEquals(new float[] {-1.5f, 2.5f}, back.floats("layer.bias", 2), 0f);
    }

    @Test
    void batchNormCountersAreAddedOnlyWhereMissing() {
        Map<String, TorchTensor> t = new LinkedHashMap<>();
        t.put("bn.running_mean", TorchTensor.ofFloats(new float[] {0}, 1));
        t.put("bn.running_var", TorchTensor.ofFloats(new float[] {1}, 1));
        t.put("bn2.running_var", TorchTensor.ofFloats(new float[] {1}, 1));
        t.put("bn2.num_batches_tracked", TorchTensor.ofLong(7));
        StateDict with = TorchCheckpointWriter.withBatchNormCounters(StateDict.of(t, null), 0);
        assertEquals(List.of("bn.running_mean", "bn.running_var", "bn.num_batches_tracked", "bn2.running_var", "bn2.num_batches_tracked"),
                new ArrayList<>(with.keys()));
        assertEquals(0.0, with.tensor("bn.num_batches_tracked").toDoubleArray()[0]);
        assertEquals(7.0, with.tensor("bn2.num_batches_tracked").toDoubleArray()[0], "an existing counter is kept");
    }

    @Test
    void anUnwritableTargetNamesTheFile(@TempDir Path tmp) throws IOException {
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        Path target = blocker.resolve("sub").resolve("m.pt");
        Map<String, TorchTensor> t = Map.of("w", TorchTensor.ofFloats(new float[] {1}, 1));
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpointWriter.write(StateDict.of(t, null), target));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    }
}
