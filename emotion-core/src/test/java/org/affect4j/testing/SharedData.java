package org.affect4j.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The one way tests reach {@code ../shared} (reference outputs, checkpoints, RAVDESS subset, media). Location:
 * system property {@code affect4j.shared}, else env {@code AFFECT4J_SHARED}, else {@code ../shared} from the
 * repository root. When a file is absent the test is skipped with a message saying what is missing — except
 * under {@code CI=true}, where a missing file fails the test: CI must never silently skip parity checks.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path root() {
        String prop = System.getProperty("affect4j.shared");
        if (prop == null || prop.isBlank()) {
            prop = System.getenv("AFFECT4J_SHARED");
        }
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("../shared/reference"))) {
                return d.resolve("../shared").normalize();
            }
        }
        return dir.resolve("../shared").normalize();
    }

    /** Resolves {@code relative} under shared/, skipping (or failing on CI) when it does not exist. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            String msg = "shared test data not found: " + p + " (set -Daffect4j.shared=<dir> or place ../shared beside the repository)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg + " — CI=true, so missing data is a failure, not a skip");
            }
            assumeTrue(false, msg);
        }
        return p;
    }
}
