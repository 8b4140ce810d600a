package org.affect4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.affect4j.core.CheckpointException;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Human's emotion net as a TensorFlow.js graph model, and broken copies of it. */
class TfjsGraphModelTest {

    @TempDir
    Path tmp;

    private static Path human(String file) {
        return SharedData.require("reference/face-models/human/" + file);
    }

    @Test
    void readsNodesAttributesAndWeights() {
        TfjsGraphModel g = TfjsGraphModel.read(human("emotion.json"));
        assertEquals("Placeholder", g.node("input_1").op());
        TfjsGraphModel.Node first = g.node("StatefulPartitionedCall/model_1/block1_conv1_act/Relu");
        assertEquals("_FusedConv2D", first.op());
        assertEquals(List.of("BiasAdd", "Relu"), first.strings("fused_ops"));
        assertEquals("VALID", first.string("padding"));
        assertEquals("NHWC", first.string("data_format"));
        assertArrayEquals(new long[] {1, 2, 2, 1}, first.integers("strides"));
        assertEquals(1, first.integer("num_args"));
        assertEquals(0.0, first.real("epsilon"), 0.0);
        assertTrue(first.bool("use_cudnn_on_gpu"));
        assertEquals(List.of("input_1", "StatefulPartitionedCall/model_1/conv2d_1/Conv2D_weights",
                "StatefulPartitionedCall/model_1/conv2d_1/Conv2D_bn_offset"), first.inputs());
        assertArrayEquals(new long[] {3, 3, 1, 32}, g.weights().tensor("StatefulPartitionedCall/model_1/conv2d_1/Conv2D_weights").shape());
        long consts = g.nodes().stream().filter(n -> n.op().equals("Const")).count();
        assertEquals(consts, g.weights().size(), "one weight per constant node");
        CheckpointException e = assertThrows(CheckpointException.class, () -> first.integer("padding"));
        assertTrue(e.getMessage().contains("attribute 'padding' has no 'i' value"), e.getMessage());
    }

    @Test
    void inputNamesDropOutputIndexAndControlMarks() {
        assertEquals("a/b", TfjsGraphModel.inputName("a/b:1"));
        assertEquals("a", TfjsGraphModel.inputName("^a"));
        assertEquals("a:x", TfjsGraphModel.inputName("a:x"));
    }

    @Test
    void brokenGraphsAreRefused() throws IOException {
        String json = Files.readString(human("emotion.json"));
        byte[] bin = Files.readAllBytes(human("emotion.bin"));
        check(json.replace("\"graph-model\"", "\"layers-model\""), bin, "not 'graph-model'");
        check(json.replace("\"input\":[\"input_1\"", "\"input\":[\"nowhere\""), bin, "reads 'nowhere', which no node defines");
        check(json.replaceFirst("\"name\":\"unknown_44\",\"shape\"", "\"name\":\"renamed_44\",\"shape\""), bin, "constant node 'unknown_44' has no weight");
        check(json, java.util.Arrays.copyOf(bin, bin.length / 2), "truncated shard");
    }

    private void check(String json, byte[] bin, String expected) throws IOException {
        assertTrue(!json.equals(Files.readString(human("emotion.json"))) || bin.length != Files.size(human("emotion.bin")), "the copy is broken");
        Path d = Files.createTempDirectory(tmp, "g");
        Files.writeString(d.resolve("emotion.json"), json);
        Files.write(d.resolve("emotion.bin"), bin);
        CheckpointException e = assertThrows(CheckpointException.class, () -> TfjsGraphModel.read(d.resolve("emotion.json")));
        System.out.println("broken graph model: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), expected + " not in: " + e.getMessage());
    }
}
