package org.affect4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DroppingLineStreamTest {

    @Test
    void dropsOnlyTheLinesWithThePrefix() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(new DroppingLineStream(sink, "Added differentiated op "), true, StandardCharsets.UTF_8);
        p.println("Added differentiated op conv2d_7");
        p.println("epoch 1: train loss 2.26");
        p.print("Added differentiated ");   // a line written in pieces, flushed in between
        p.flush();
        p.println("op matmul");
        p.println("Added differentiated operators: close to the prefix, kept");
        p.print("Add");
        p.flush();
        p.println("ed: two lines, ünïcode");
        p.print("last line without newline");
        p.close();
        assertEquals("epoch 1: train loss 2.26\n" + "Added differentiated operators: close to the prefix, kept\n"
                + "Added: two lines, ünïcode\n" + "last line without newline",
                sink.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
