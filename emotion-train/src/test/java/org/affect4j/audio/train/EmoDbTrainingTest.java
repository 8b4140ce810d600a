package org.affect4j.audio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.affect4j.audio.SpeechModelArchive;
import org.affect4j.audio.features.MelConfig;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emo-DB clips as extra training speakers (issue 22, item 3): they join the training set (boredom left out), the
 * archive says so, resuming without them is refused, and speaker normalisation (which needs RAVDESS's repetitions) is
 * refused with them. Emo-DB itself is not in ../shared: RAVDESS clips copied under Emo-DB names stand in for it.
 */
class EmoDbTrainingTest {

    @Test
    void emoDbClipsJoinTheTrainingSetAndTheArchiveSaysSo(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("ravdess");
        for (int actor : new int[] {1, 2}) {
            Path dir = Files.createDirectories(data.resolve(String.format("Actor_%02d", actor)));
            for (int e : new int[] {1, 3, 5}) {
                String name = String.format("03-01-%02d-01-01-01-%02d.wav", e, actor);
                Files.copy(SharedData.require("data/ravdess-speech/Actor_" + String.format("%02d", actor) + "/" + name), dir.resolve(name));
            }
        }
        Path emoDb = Files.createDirectories(tmp.resolve("emodb/wav"));
        // Emo-DB letters: W anger, F happiness, N neutral (taking RAVDESS actor 03's clips); L boredom is left out
        Map<String, String> copies = Map.of("03a01Wa.wav", "03-01-05-01-01-01-03.wav", "03a01Fa.wav", "03-01-03-01-01-01-03.wav",
                "08a01Na.wav", "03-01-01-01-01-01-03.wav", "08a01La.wav", "03-01-02-01-01-01-03.wav");
        for (var c : copies.entrySet()) {
            Files.copy(SharedData.require("data/ravdess-speech/Actor_03/" + c.getValue()), emoDb.resolve(c.getKey()));
        }
        TrainerConfig config = TrainerConfig.seedRecipe(1).withBatchSize(8);
        SpeechTraining.Plan plan = new SpeechTraining.Plan(data, Set.of(1), Set.of(2), tmp.resolve("work"), null,
                SpeechAugmentation.SEED, ScalerFit.PER_MEL_BIN, false, MelConfig.telephoneBand(), tmp.resolve("emodb"));
        Trainer.Result r = SpeechTraining.run(plan, config, null, null);

        Map<String, Object> prov = SpeechModelArchive.provenance(ModelArchive.read(r.bestModel()));
        assertEquals(3, ((Number) prov.get("extraTrainingClips")).intValue(), "three Emo-DB clips, boredom left out");
        assertEquals(3 + 3, ((Number) prov.get("trainClips")).intValue(), "actor 01's three clips and the Emo-DB ones");
        assertEquals((3 + 3) * 3, ((Number) prov.get("trainExamples")).intValue(), "each clip and its two AWGN copies");
        assertEquals(3, ((Number) prov.get("validationClips")).intValue(), "validation stays on RAVDESS actor 02");
        assertEquals("emodb", ((Map<?, ?>) prov.get("recipe")).get("extraTrainingCorpus"));
        assertTrue(String.valueOf(prov.get("data")).contains("Emo-DB"), String.valueOf(prov.get("data")));

        SpeechTraining.Plan without = new SpeechTraining.Plan(data, Set.of(1), Set.of(2), tmp.resolve("work"), null,
                SpeechAugmentation.SEED, ScalerFit.PER_MEL_BIN, false, MelConfig.telephoneBand());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> SpeechTraining.run(without, TrainerConfig.seedRecipe(2).withBatchSize(8), null, null));
        assertTrue(e.getMessage().contains("different run"), e.getMessage());

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> new SpeechTraining.Plan(data, Set.of(1),
                Set.of(2), tmp.resolve("w2"), null, SpeechAugmentation.SEED, ScalerFit.PER_FEATURE, true, MelConfig.seed(),
                tmp.resolve("emodb")));
        assertTrue(both.getMessage().contains("Emo-DB"), both.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> SpeechTraining.run(new SpeechTraining.Plan(
                data, Set.of(1), Set.of(2), tmp.resolve("w3"), null, SpeechAugmentation.SEED, ScalerFit.PER_FEATURE, false,
                MelConfig.seed(), data), config, null, null));
        assertTrue(empty.getMessage().contains("no Emo-DB WAV files"), empty.getMessage());
    }
}
