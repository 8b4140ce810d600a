package org.affect4j.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

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

    /**
     * Asserts that every reader refuses every path (a FIFO, a directory) within 20 s with an exception of {@code type}
     * whose message starts with the path and names the problem.
     */
    public static <E extends RuntimeException> void assertRefusedAtOnce(Class<E> type, Map<String, Consumer<Path>> readers, Path... paths) {
        readers.forEach((name, reader) -> {
            for (Path p : paths) {
                E e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(type, () -> reader.accept(p)),
                        name + " blocked on " + p);
                assertTrue(e.getMessage().startsWith(p.toString()) && (e.getMessage().contains("not a regular file")
                        || e.getMessage().contains("is a directory")), name + ": " + e.getMessage());
            }
        });
    }
}
