package org.affect4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.affect4j.core.CheckpointException;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorFlow.js weights manifests and shards: the real face-api.js files, made-up ones, and corrupted copies. */
class TfjsWeightsTest {

    @TempDir
    Path tmp;

    private static Path faceApi(String file) {
        return SharedData.require("reference/face-models/face-api/" + file);
    }

    @Test
    void readsTheFaceApiExpressionManifestWithUint8Dequantization() throws IOException {
        Path manifest = faceApi("face_expression_model-weights_manifest.json");
        StateDict sd = TfjsWeights.read(manifest);
        assertEquals(49, sd.size());
        assertArrayEquals(new long[] {3, 3, 3, 32}, sd.tensor("dense0/conv0/filters").shape());
        assertArrayEquals(new long[] {256, 7}, sd.tensor("fc/weights").shape());
        // the first weight is uint8-quantized: value = q * scale + min, q the first byte of the shard
        byte[] shard = Files.readAllBytes(faceApi("face_expression_model.bin"));
        double scale = 0.0057930146946626555;
        double min = -0.7125408074435067;
        float[] filters = sd.tensor("dense0/conv0/filters").toFloatArray();
        for (int i = 0; i < 5; i++) {
            assertEquals((float) ((shard[i] & 0xff) * scale + min), filters[i], 0f, "element " + i);
        }
        // the bias after it is plain float32, little-endian, right after the 864 quantized bytes
        float bias0 = ByteBuffer.wrap(shard, 3 * 3 * 3 * 32, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(bias0, sd.tensor("dense0/conv0/bias").toFloatArray()[0], 0f);
    }

    @Test
    void readsEveryBundledFaceApiManifest() {
        for (String m : new String[] {"face_landmark_68_model", "face_landmark_68_tiny_model", "tiny_face_detector_model", "ssd_mobilenetv1_model"}) {
            StateDict sd = TfjsWeights.read(faceApi(m + "-weights_manifest.json"));
            assertTrue(sd.size() > 10, m + ": " + sd.size());
        }
    }

    @Test
    void decodesFloat32Int32Uint16AndFloat16() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * 2 + 4 + 2 * 2 + 2 * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(1.5f).putFloat(-2.25f);                      // a: float32 [2]
        b.putInt(-7);                                            // n: int32 [1]
        b.putShort((short) 0).putShort((short) 0xffff);          // q: uint16, scale 0.5, min -1
        b.putShort((short) 0x3c00).putShort((short) 0xc000);     // h: float16 1.0, -2.0
        Path dir = model("""
                [{"paths": ["w.bin"], "weights": [
                  {"name": "a", "shape": [2], "dtype": "float32"},
                  {"name": "n", "shape": [], "dtype": "int32"},
                  {"name": "q", "shape": [1, 2], "dtype": "float32", "quantization": {"dtype": "uint16", "scale": 0.5, "min": -1}},
                  {"name": "h", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16"}}
                ]}]""", b.array());
        StateDict sd = TfjsWeights.read(dir);
        assertArrayEquals(new float[] {1.5f, -2.25f}, sd.tensor("a").toFloatArray(), 0f);
        assertArrayEquals(new float[] {-7}, sd.tensor("n").toFloatArray(), 0f);
        assertArrayEquals(new float[] {-1f, (float) (65535 * 0.5 - 1)}, sd.tensor("q").toFloatArray(), 0f);
        assertArrayEquals(new float[] {1f, -2f}, sd.tensor("h").toFloatArray(), 0f);
        assertArrayEquals(new long[] {1, 2}, sd.tensor("q").shape());
    }

    @Test
    void weightsMaySpanShards() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3);
        byte[] all = b.array();
        Files.write(tmp.resolve("s1.bin"), Arrays.copyOfRange(all, 0, 6));
        Files.write(tmp.resolve("s2.bin"), Arrays.copyOfRange(all, 6, 12));
        Path m = tmp.resolve("m.json");
        Files.writeString(m, "[{\"paths\":[\"s1.bin\",\"s2.bin\"],\"weights\":[{\"name\":\"x\",\"shape\":[3],\"dtype\":\"float32\"}]}]");
        assertArrayEquals(new float[] {1, 2, 3}, TfjsWeights.read(m).tensor("x").toFloatArray(), 0f);
    }

    @Test
    void truncatedAndPaddedShardsAreRefusedWithBothByteCounts() throws IOException {
        byte[] shard = Files.readAllBytes(faceApi("face_expression_model.bin"));
        String manifest = Files.readString(faceApi("face_expression_model-weights_manifest.json"));
        Path cut = copy("cut", manifest, Arrays.copyOf(shard, shard.length - 1));
        CheckpointException e = assertThrows(CheckpointException.class, () -> TfjsWeights.read(cut));
        System.out.println("truncated shard: " + e.getMessage());
        assertTrue(e.getMessage().contains("hold " + (shard.length - 1) + " bytes, the weights declare " + shard.length), e.getMessage());
        assertTrue(e.getMessage().contains(cut.toString()), "names the file: " + e.getMessage());
        Path longer = copy("long", manifest, Arrays.copyOf(shard, shard.length + 3));
        e = assertThrows(CheckpointException.class, () -> TfjsWeights.read(longer));
        System.out.println("padded shard: " + e.getMessage());
        assertTrue(e.getMessage().contains("hold more than the " + shard.length + " bytes"), e.getMessage());
        Path noShard = tmp.resolve("none").resolve("m.json");
        Files.createDirectories(noShard.getParent());
        Files.writeString(noShard, manifest);
        e = assertThrows(CheckpointException.class, () -> TfjsWeights.read(noShard));
        assertTrue(e.getMessage().contains("shard 'face_expression_model.bin' not found"), e.getMessage());
    }

    @Test
    void badManifestsAreRefusedWithTheirProblem() throws IOException {
        String[][] cases = {
            {"{\"weights\": []}", "non-empty JSON array of groups"},
            {"[{\"paths\": [\"w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [1], \"dtype\": \"complex64\"}]}]", "unsupported dtype 'complex64'"},
            {"[{\"paths\": [\"w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [1], \"dtype\": \"float32\", \"quantization\": {\"dtype\": \"int4\", \"scale\": 1, \"min\": 0}}]}]",
                "unsupported quantization dtype 'int4'"},
            {"[{\"paths\": [\"w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [4], \"dtype\": \"float32\", \"quantization\": {\"dtype\": \"uint8\"}}]}]",
                "without a finite scale and min"},
            {"[{\"paths\": [\"w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [-1], \"dtype\": \"float32\"}]}]", "bad shape"},
            {"[{\"paths\": [\"w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [1.5], \"dtype\": \"float32\"}]}]", "bad shape"},
            {"[{\"paths\": [\"w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [65536, 65536], \"dtype\": \"float32\"}]}]", "too large"},
            {"[{\"paths\": [\"w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [1], \"dtype\": \"float32\"}, {\"name\": \"a\", \"shape\": [1], \"dtype\": \"float32\"}]}]",
                "declared twice"},
            {"[{\"paths\": [\"../w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [1], \"dtype\": \"float32\"}]}]", "must be a plain file name"},
            {"[{\"paths\": [\"/etc/passwd\"], \"weights\": [{\"name\": \"a\", \"shape\": [1], \"dtype\": \"float32\"}]}]", "must be a plain file name"},
            {"[{\"paths\": [\"w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [1], \"dtype\": \"float32\"}]}] x", "malformed JSON"},
            {"[".repeat(100), "nesting deeper than 64"},
            {"[{\"paths\": [\"w.bin\"], \"weights\": [{\"shape\": [1], \"dtype\": \"float32\"}]}]", "without a name"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path m = model(c[0], new byte[4], "case" + i++);
            CheckpointException e = assertThrows(CheckpointException.class, () -> TfjsWeights.read(m), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[1] + " not in: " + e.getMessage());
        }
    }

    @Test
    void theByteLimitIsCheckedBeforeReadingShards() throws IOException {
        Path m = model("[{\"paths\": [\"w.bin\"], \"weights\": [{\"name\": \"a\", \"shape\": [1000], \"dtype\": \"float32\"}]}]", new byte[4000]);
        CheckpointException e = assertThrows(CheckpointException.class, () -> TfjsWeights.read(m, 3999));
        assertTrue(e.getMessage().contains("4000 bytes, over the 3999-byte limit"), e.getMessage());
        assertEquals(1000, TfjsWeights.read(m, 4000).tensor("a").numel());
    }

    @Test
    void aManifestThatIsNotARegularFileIsRefused() throws IOException {
        CheckpointException e = assertThrows(CheckpointException.class, () -> TfjsWeights.read(tmp));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> TfjsWeights.read(tmp.resolve("absent.json")));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    @Test
    void halfFloatsDecodeExactly() {
        assertEquals(0f, TfjsWeights.halfToFloat((short) 0), 0f);
        assertEquals(65504f, TfjsWeights.halfToFloat((short) 0x7bff), 0f);
        assertEquals(0x1p-24f, TfjsWeights.halfToFloat((short) 1), 0f);          // smallest subnormal
        assertEquals(Float.NEGATIVE_INFINITY, TfjsWeights.halfToFloat((short) 0xfc00), 0f);
        assertTrue(Float.isNaN(TfjsWeights.halfToFloat((short) 0x7e00)));
        assertEquals(0.333251953125f, TfjsWeights.halfToFloat((short) 0x3555), 0f);
    }

    private Path model(String manifest, byte[] shard) throws IOException {
        return model(manifest, shard, "m");
    }

    private Path model(String manifest, byte[] shard, String dir) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Files.write(d.resolve("w.bin"), shard);
        Path m = d.resolve("m.json");
        Files.writeString(m, manifest, StandardCharsets.UTF_8);
        return m;
    }

    private Path copy(String dir, String manifest, byte[] shard) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Files.write(d.resolve("face_expression_model.bin"), shard);
        Path m = d.resolve("face_expression_model-weights_manifest.json");
        Files.writeString(m, manifest);
        return m;
    }
}
