package org.affect4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.affect4j.core.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {

    @TempDir
    Path dir;

    private static ModelArchive sample() {
        Map<String, ModelArchive.Tensor> t = new LinkedHashMap<>();
        t.put("weights.conv.weight", ModelArchive.Tensor.of(new float[] {1.5f, -2.25f, Float.MIN_VALUE, 3e38f, -0f, 7, 8, 9}, 2, 2, 2));
        t.put("scaler.mean", ModelArchive.Tensor.of(new double[] {Math.PI, -1e-300, 42}, 3));
        t.put("scalar", ModelArchive.Tensor.of(new float[] {5f}));
        return ModelArchive.of(Map.of("kind", "test", "labels", List.of("a", "b")), t);
    }

    @Test
    void roundTripIsExact() {
        Path f = dir.resolve("m.zip");
        sample().write(f);
        ModelArchive back = ModelArchive.read(f);
        assertEquals("test", back.metaString("kind"));
        assertEquals(List.of("a", "b"), back.meta().get("labels"));
        assertEquals(ModelArchive.FORMAT_VERSION, back.meta().get("formatVersion"));
        assertArrayEquals(sample().tensor("weights.conv.weight").toFloats(), back.tensor("weights.conv.weight").toFloats());
        assertArrayEquals(new long[] {2, 2, 2}, back.tensor("weights.conv.weight").shape());
        assertArrayEquals(new double[] {Math.PI, -1e-300, 42}, back.tensor("scaler.mean").toDoubles());
        assertArrayEquals(new long[] {}, back.tensor("scalar").shape());
        assertEquals(f, back.source());
    }

    @Test
    void sameContentGivesTheSameBytesWhateverTheMetadataOrderOrTheClock() throws IOException, InterruptedException {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("kind", "test");
        ab.put("recipe", new LinkedHashMap<>(Map.of("lr", 3e-4)));
        ab.put("actors", List.of(3, 4));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("actors", List.of(3, 4));
        ba.put("recipe", new LinkedHashMap<>(Map.of("lr", 3e-4)));
        ba.put("kind", "test");
        Map<String, ModelArchive.Tensor> t = tensorsOf(sample());
        Path first = dir.resolve("first.zip");
        Path second = dir.resolve("second.zip");
        ModelArchive.of(ab, t).write(first);
        Thread.sleep(2100);   // zip entry times have a 2 s resolution
        ModelArchive.of(ba, t).write(second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "archives of the same content differ");
    }

    private static Map<String, ModelArchive.Tensor> tensorsOf(ModelArchive a) {
        Map<String, ModelArchive.Tensor> t = new LinkedHashMap<>();
        for (String name : List.of("weights.conv.weight", "scaler.mean", "scalar")) {
            t.put(name, a.tensor(name));
        }
        return t;
    }

    @Test
    void npyEntriesAreWhatNumpyWrites() throws IOException {
        byte[] npy = ModelArchive.npy(ModelArchive.Tensor.of(new float[] {1, 2, 3}, 3));
        String header = new String(npy, 10, (npy[8] & 0xff) | (npy[9] & 0xff) << 8, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", header.trim());
        assertEquals(0, (10 + header.length()) % 64, "numpy pads the header to a multiple of 64 bytes");
    }

    @Test
    void stateDictViewStripsPrefix() {
        StateDict sd = sample().stateDict("weights.");
        assertEquals(1, sd.size());
        assertArrayEquals(new float[] {1.5f, -2.25f, Float.MIN_VALUE, 3e38f, -0f, 7, 8, 9}, sd.floats("conv.weight", 2, 2, 2));
    }

    private Path zip(String name, byte[] content, boolean withMeta) throws IOException {
        Path f = dir.resolve("bad-" + name.replace('/', '_') + ".zip");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            if (withMeta) {
                z.putNextEntry(new ZipEntry("affect4j.json"));
                z.write("{\"format\":\"affect4j\",\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        Files.write(f, bytes.toByteArray());
        return f;
    }

    private static void assertRefused(Path f, String fragment) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> ModelArchive.read(f));
        assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void hostileOrBrokenArchivesAreRefusedNamingTheFile() throws IOException {
        byte[] good = ModelArchive.npy(ModelArchive.Tensor.of(new float[] {1, 2, 3, 4}, 4));
        // a pickle where a tensor should be
        assertRefused(zip("tensors/x.npy", "cos\nsystem\n(S'echo hi'\ntR.".getBytes(StandardCharsets.US_ASCII), true), "not a NumPy");
        // object arrays (numpy would need pickle for them) are not accepted
        byte[] obj = good.clone();
        System.arraycopy("'|O'".getBytes(StandardCharsets.US_ASCII), 0, obj, 10 + 10, 4);
        assertRefused(zip("tensors/x.npy", obj, true), "unsupported NumPy header");
        // data shorter than the shape says
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 4);
        assertRefused(zip("tensors/x.npy", cut, true), "needs 16 bytes");
        // stray entries (e.g. code) are not ignored
        assertRefused(zip("code/run.py", "import os".getBytes(StandardCharsets.US_ASCII), true), "unexpected entry");
        // no metadata
        assertRefused(zip("tensors/x.npy", good, false), "no affect4j.json");
        // not a zip at all / truncated
        Path f = dir.resolve("m.zip");
        sample().write(f);
        byte[] all = Files.readAllBytes(f);
        Path trunc = dir.resolve("truncated.zip");
        Files.write(trunc, java.util.Arrays.copyOf(all, all.length / 2));
        assertThrows(CheckpointException.class, () -> ModelArchive.read(trunc));
        Path text = dir.resolve("text.zip");
        Files.writeString(text, "hello");
        assertRefused(text, "no affect4j.json");
    }

    @Test
    void newerFormatIsRefused() throws IOException {
        Path f = dir.resolve("future.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("affect4j.json"));
            z.write("{\"format\":\"affect4j\",\"formatVersion\":99}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertRefused(f, "newer");
    }
}
