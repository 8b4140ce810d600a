package org.affect4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.affect4j.audio.BundledSpeechModel;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.audio.SpeechModelArchive;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled robust speech model (issue 22) on its held-out test actors 01–04, as users' audio arrives: the 240 shared
 * clips degraded in code exactly as {@code affect4j degrade} does (same functions, 16-bit PCM copies), then evaluated as
 * {@code affect4j eval} does. Each condition must score no lower than docs/robustness.md states, less one point for
 * platform float differences; the numbers stated there are the ones checked here.
 */
class RobustSpeechModelTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"original", "16k", "telephone", "cut-2s"})
    void robustModelScoresWhatTheDocsStateOnDegradedCopiesOfUnseenActors(String condition, @TempDir Path tmp)
            throws Exception {
        double stated = STATED.get(condition);
        Map<String, Object> prov = SpeechModelArchive.provenance(BundledSpeechModel.ROBUST.read());
        for (String key : List.of("trainActors", "validationActors")) {
            for (Object a : (List<?>) prov.get(key)) {
                assertTrue(((Number) a).intValue() > 4, "actor " + a + " of the test fold is among the " + key);
            }
        }
        try (SpeechDetector d = EmotionDetector.speech().load(BundledSpeechModel.ROBUST)) {
            DegradedCopies.assertScoresAsStated(d, "robust model", condition, stated, tmp);
        }
    }

    /** The robust model's accuracy on actors 01–04 per condition, as docs/robustness.md states it. */
    private static final Map<String, Double> STATED = Map.of(
            "original", 87 / 240.0,
            "16k", 87 / 240.0,
            "telephone", 85 / 240.0,
            "cut-2s", 54 / 240.0);
}
