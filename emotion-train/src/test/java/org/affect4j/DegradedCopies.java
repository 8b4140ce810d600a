package org.affect4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.audio.train.SpeechEvaluation;
import org.affect4j.audio.io.Degradations;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.audio.io.WavEncoder;

/** Degraded 16-bit PCM copies of WAV files, made exactly as {@code affect4j degrade} makes them (same functions). */
final class DegradedCopies {

    private DegradedCopies() {
    }

    /** Copies of {@code files} (under {@code data}) degraded by {@code condition}, at the same relative paths under {@code dir}. */
    static List<Path> of(Path data, List<Path> files, Degradations.Condition condition, Path dir) throws IOException {
        List<Path> copies = new ArrayList<>();
        for (Path f : files) {
            Path copy = dir.resolve(data.relativize(f).toString());
            Files.createDirectories(copy.getParent());
            WavEncoder.write(condition.apply(WavDecoder.decode(f)), copy);
            copies.add(copy);
        }
        return copies;
    }

    /**
     * Evaluates {@code d} on degraded copies of the 240 shared clips of actors 01–04 (as {@code affect4j eval} does) and
     * asserts the accuracy docs/robustness.md states for them, less one point, and that the docs quote it.
     */
    static void assertScoresAsStated(SpeechDetector d, String what, String condition, double stated, Path tmp) throws IOException {
        Path data = org.affect4j.testing.SharedData.require("data/ravdess-speech");
        List<Path> files = org.affect4j.core.ravdess.RavdessFiles.list(data, ".wav");
        org.junit.jupiter.api.Assertions.assertEquals(240, files.size());
        List<Path> copies = of(data, files, Degradations.Condition.byId(condition), tmp);
        double acc = SpeechEvaluation.run(d, copies, 32, null).report().accuracy();
        System.out.printf(java.util.Locale.ROOT, "%s on actors 01-04, %s: %.4f (docs/robustness.md: %.3f)%n", what, condition, acc, stated);
        org.junit.jupiter.api.Assertions.assertTrue(acc >= stated - 0.01, condition + ": accuracy " + acc + " is below the stated " + stated);
        String quoted = String.format(java.util.Locale.ROOT, "%.3f (%d/240)", stated, Math.round(stated * 240));
        org.junit.jupiter.api.Assertions.assertTrue(Files.readString(Path.of("..", "docs", "robustness.md")).contains(quoted),
                "docs/robustness.md should state " + quoted);
    }
}
