package org.affect4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Makes a named pipe (FIFO) for tests of readers that must refuse it at once; skips where the OS has no mkfifo. */
public final class Fifo {

    private Fifo() {
    }

    public static Path make(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        Process proc;
        try {
            proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo on this OS: " + e.getMessage());
            return null;
        }
        assumeTrue(proc.waitFor() == 0 && Files.exists(p) && !Files.isRegularFile(p), "mkfifo failed here");
        return p;
    }
}
