package org.affect4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.affect4j.core.CheckpointException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip bombs and oversized pickles are refused before memory is spent. Tagged "small-heap": Surefire runs it in its own
 * JVM with {@code -Xmx256m} (execution {@code small-heap}), so an OutOfMemoryError would fail the build.
 */
@Tag("small-heap")
class CheckpointLimitsTest {

    @TempDir
    Path tmp;

    /** A torch.save-shaped zip whose data.pkl inflates to {@code bytes} zeros (about 1.5 MB on disk for 1.5 GiB). */
    private Path bomb(String name, long bytes) throws Exception {
        Path zip = tmp.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(9);
            out.putNextEntry(new ZipEntry("archive/data.pkl"));
            byte[] zeros = new byte[1 << 20];
            for (long done = 0; done < bytes; done += zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, bytes - done));
            }
            out.closeEntry();
        }
        return zip;
    }

    @Test
    void aZipBombPickleIsRefusedBeforeItIsInflated() throws Exception {
        Path zip = bomb("bomb.pt", 1536L << 20);
        System.out.printf("zip bomb: %d bytes on disk, data.pkl 1.5 GiB inflated; heap %d MB%n", Files.size(zip),
                Runtime.getRuntime().maxMemory() >> 20);
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(zip));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("bomb.pt") && e.getMessage().contains("data.pkl"), e.getMessage());
        // with the ratio ceiling lifted, the pickle size limit still refuses it, while inflating
        TorchCheckpoint.Limits noRatio = new TorchCheckpoint.Limits(TorchCheckpoint.MAX_BYTES, 64L << 20, TorchCheckpoint.MAX_BYTES, 1e9);
        e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(zip, noRatio));
        assertTrue(e.getMessage().contains("at most 67108864 expected") || e.getMessage().contains("holds more than 67108864"), e.getMessage());
    }

    @Test
    void aModerateRatioIsRefusedToo() throws Exception {
        Path zip = bomb("ratio.pt", 8L << 20);
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(zip));
        assertTrue(e.getMessage().contains("compression-ratio limit of 100"), e.getMessage());
        // allowed, the (zero) pickle itself is then reported as malformed, not as a size problem
        e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(zip,
                new TorchCheckpoint.Limits(TorchCheckpoint.MAX_BYTES, 64L << 20, TorchCheckpoint.MAX_BYTES, 1e6)));
        assertTrue(!e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void aModelArchiveThatInflatesPastAQuarterOfTheHeapIsRefusedWhileInflating() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() <= 512L << 20,
                "heap-dependent: runs in the small-heap Surefire execution (-Xmx256m)");
        Path zip = tmp.resolve("archive.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("tensors/w.npy"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> ModelArchive.read(zip));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("archive.zip") && e.getMessage().contains("more than a quarter of this JVM's heap"), e.getMessage());
    }

    @Test
    void declaredTensorsOverTheBudgetOrTheHeapAreRefusedBeforeReading() throws Exception {
        // a real zip checkpoint written by our own writer, read with a tensor budget below its size
        Path pt = tmp.resolve("small.pt");
        java.util.Map<String, TorchTensor> t = new java.util.LinkedHashMap<>();
        t.put("w", TorchTensor.ofFloats(new float[1000], 1000));
        TorchCheckpointWriter.write(StateDict.of(t, null), pt);
        assertEquals(1000, TorchCheckpoint.loadStateDict(pt).tensor("w").numel());
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(pt,
                new TorchCheckpoint.Limits(TorchCheckpoint.MAX_BYTES, 64L << 20, 3999, 100)));
        assertTrue(e.getMessage().contains("declares 4000 bytes of tensors, over the 3999-byte limit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TorchCheckpoint.Limits(0, 1, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> new TorchCheckpoint.Limits(1, 1, 1, 0.5));
    }
}
