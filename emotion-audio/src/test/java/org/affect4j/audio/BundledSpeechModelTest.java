package org.affect4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.affect4j.core.checkpoint.ModelArchive;
import org.junit.jupiter.api.Test;

/** The models in the jar: what each says about itself must match what its archive holds and where it came from. */
class BundledSpeechModelTest {

    @Test
    void eachBundledModelIsTrainedWithoutTheTestActorsAndSaysWhetherItNeedsCalibration() {
        for (BundledSpeechModel m : BundledSpeechModel.values()) {
            ModelArchive a = m.read();
            assertEquals(m.needsCalibration(), a.tensors().containsKey(SpeechModelArchive.CALIBRATION_TARGET), m.id());
            Map<String, Object> prov = SpeechModelArchive.provenance(a);
            // the seed's network selected its epoch on actors 21-24 and trained on 05-20; the utterance model has a fixed
            // recipe (no selection) and trained on 05-24. None saw the test actors 01-04.
            boolean utterance = m == BundledSpeechModel.UTTERANCE;
            assertEquals(utterance ? List.of() : List.of(21, 22, 23, 24), ((List<?>) prov.get("validationActors")).stream()
                    .map(v -> ((Number) v).intValue()).toList(), m.id());
            for (Object actor : (List<?>) prov.get("trainActors")) {
                int k = ((Number) actor).intValue();
                assertTrue(k >= 5 && k <= (utterance ? 24 : 20), m.id() + " trained on actor " + k);
            }
            if (utterance) {
                assertEquals(List.of(1, 2, 3, 4), ((Map<?, ?>) prov.get("test")).get("actors"), m.id());
                assertEquals(List.of(3, 8), ((Map<?, ?>) prov.get("testEmoDb")).get("speakers"), "Emo-DB speakers held out");
                assertEquals(List.of(3, 8), prov.get("emoDbHeldOutSpeakers"));
            }
            assertEquals(utterance ? SpeechModelArchive.UTTERANCE_ARCHITECTURE : SpeechModelArchive.ARCHITECTURE, a.meta().get("architecture"));
            assertEquals(m, BundledSpeechModel.byId(m.id().toUpperCase(java.util.Locale.ROOT)));
        }
        assertEquals(BundledSpeechModel.UTTERANCE, BundledSpeechModel.DEFAULT);
        assertEquals(BundledSpeechModel.DEFAULT.resource(), SpeechModelArchive.DEFAULT_RESOURCE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BundledSpeechModel.byId("latest"));
        assertEquals("no bundled speech model 'latest' (bundled: seed-recipe, speaker-normalised, robust, utterance)", e.getMessage());
    }

    /**
     * The speaker-normalised model in the jar is the fold-0 model whose reports are committed in
     * docs/results/cv-speaker-norm/fold-0 (the model file itself lives only in the jar; its sha256 is recorded there).
     */
    @Test
    void speakerNormalisedModelIsTheCommittedFold0Model() throws Exception {
        Path recorded = Path.of("..", "docs", "results", "cv-speaker-norm", "fold-0", "best-model.zip.sha256");
        String expected = Files.readString(recorded).trim().split("\\s+")[0];
        try (InputStream in = BundledSpeechModel.class.getResourceAsStream(BundledSpeechModel.SPEAKER_NORMALISED.resource())) {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertEquals(expected, java.util.HexFormat.of().formatHex(digest), "bundled speaker-normalised model vs " + recorded);
        }
    }
}
