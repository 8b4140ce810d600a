package org.affect4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared for the benchmarks (system property affect4j.shared, else ../shared from the working dir). */
final class Shared {
    private Shared() {
    }

    static Path file(String relative) {
        String root = System.getProperty("affect4j.shared", System.getenv().getOrDefault("AFFECT4J_SHARED", "../shared"));
        Path p = Path.of(root).resolve(relative).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new IllegalStateException("benchmark input not found: " + p + " (run from the repository root with ../shared beside it,"
                    + " or pass -Daffect4j.shared=<dir>)");
        }
        return p;
    }
}
