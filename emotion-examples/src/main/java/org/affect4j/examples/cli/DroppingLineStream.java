package org.affect4j.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes text through line by line, dropping the lines that start with a given prefix. The CLI puts it in front of
 * {@code System.out} because DL4J 1.0.0-M2.1's SameDiff prints one "Added differentiated op ..." line per op on
 * standard output when it differentiates a training graph (several hundred lines at the start of every
 * {@code train}); the CLI's own output does not go through it.
 */
final class DroppingLineStream extends OutputStream {

    private final OutputStream target;
    private final byte[] prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    DroppingLineStream(OutputStream target, String prefix) {
        this.target = target;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            endLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Writes out a pending partial line unless it already shows the prefix. */
    @Override
    public synchronized void flush() throws IOException {
        if (line.size() >= prefix.length && !startsWithPrefix()) {
            endLine();
        }
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        endLine();
        target.close();
    }

    private void endLine() throws IOException {
        if (line.size() > 0 && !startsWithPrefix()) {
            line.writeTo(target);
        }
        line.reset();
    }

    private boolean startsWithPrefix() {
        byte[] bytes = line.toByteArray();
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
