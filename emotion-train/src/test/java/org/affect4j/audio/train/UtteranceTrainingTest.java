package org.affect4j.audio.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.io.Degradations;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.eval.LabelledFile;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.nn.Logits;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Training the utterance model on real clips (actors 01–03 of the shared subset; a small recipe so that it runs in CI):
 * it learns (training accuracy far above chance, where the untrained ensemble is not), its archive predicts through the
 * library's own path exactly what the trained network gives on the training features, and the augmentations add the
 * degraded copies.
 */
class UtteranceTrainingTest {

    @Test
    void smallRecipeLearnsAndItsArchivePredictsThroughTheLibrary() {
        List<Path> files = RavdessFiles.list(SharedData.require("data/ravdess-speech"), ".wav");
        List<LabelledFile> train = UtteranceTraining.ravdess(files, Set.of(1, 2, 3));
        assertEquals(180, train.size());
        UtteranceTraining.Recipe recipe = UtteranceTraining.Recipe.defaults().withMembers(2).withEpochs(40)
                .withAugmentations(List.of(Degradations.Condition.TELEPHONE));
        UtteranceTraining.Examples ex = UtteranceTraining.trainingExamples(train, recipe, LabelOrder.SEED_SPEECH);
        assertEquals(360, ex.rows().size(), "each clip as it is and as telephone audio");
        assertArrayEquals(java.util.Arrays.copyOf(ex.labels(), 180), java.util.Arrays.copyOfRange(ex.labels(), 180, 360));

        UtteranceTraining.Trained untrained = UtteranceTraining.train(ex, recipe.withEpochs(1).withMembers(1), LabelOrder.SEED_SPEECH, Map.of());
        UtteranceTraining.Trained t = UtteranceTraining.train(ex, recipe, LabelOrder.SEED_SPEECH, Map.of("data", "test"));
        double before = accuracy(untrained, ex);
        double after = accuracy(t, ex);
        System.out.printf(Locale.ROOT, "utterance model on its 360 training examples: %.3f after 1 epoch of 1 member, %.3f after %d epochs of %d%n",
                before, after, recipe.epochs(), recipe.members());
        assertTrue(after > 0.9, "training accuracy " + after);
        assertTrue(after > before, "training did not improve on one epoch: " + before + " -> " + after);

        try (SpeechModel model = UtteranceTraining.model(t)) {
            for (int i : new int[] {0, 77, 179}) {
                float[] x = scaled(t, ex.rows().get(i));
                float[] direct = t.net().logits(x, 1)[0];
                assertArrayEquals(direct, model.predict(Clip.of(train.get(i).file())).logits(), 0f, train.get(i).file().toString());
            }
        }

        // the held-out actor 04, never trained on: printed for the record, asserted only above chance (0.125)
        List<LabelledFile> test = UtteranceTraining.ravdess(files, Set.of(4));
        double held = accuracy(t, UtteranceTraining.examples(test, Degradations.Condition.ORIGINAL, recipe, LabelOrder.SEED_SPEECH));
        System.out.printf(Locale.ROOT, "held-out actor 04: %.3f%n", held);
        assertTrue(held > 0.125, "held-out accuracy " + held + " is not above chance");
    }

    private static float[] scaled(UtteranceTraining.Trained t, double[] row) {
        double[] s = t.scaler().transform(row);
        float[] x = new float[s.length];
        for (int j = 0; j < s.length; j++) {
            x[j] = (float) s[j];
        }
        return x;
    }

    private static double accuracy(UtteranceTraining.Trained t, UtteranceTraining.Examples ex) {
        int ok = 0;
        for (int i = 0; i < ex.labels().length; i++) {
            ok += Logits.argmax(t.net().logits(scaled(t, ex.rows().get(i)), 1)[0]) == ex.labels()[i] ? 1 : 0;
        }
        return ok / (double) ex.labels().length;
    }
}
