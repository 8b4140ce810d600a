package org.affect4j.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.junit.jupiter.api.Test;

class LateFusionTest {

    private static final LabelOrder FACE = LabelOrder.of("face", List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY,
            Emotion.FEARFUL, Emotion.DISGUST, Emotion.SURPRISED));

    private static Prediction face() {
        return Prediction.fromLogits(new float[] {0.5f, 2f, -1f, 0f, -2f, 0.3f, 1f}, FACE, EnumSet.of(Modality.VIDEO));
    }

    private static Prediction speech() {
        return Prediction.fromLogits(new float[] {1f, 0f, 3f, -1f, 0.5f, 0.2f, -0.5f, 2f}, LabelOrder.SEED_SPEECH, EnumSet.of(Modality.SPEECH));
    }

    @Test
    void theFusedLogOddsAreTheWeightedSumOfTheModalitiesLogOdds() {
        for (double[] w : new double[][] {{1, 1}, {2, 0.5}, {0.3, 1.7}}) {
            Prediction fused = new LateFusion(w[0], w[1]).fuse(face(), speech());
            assertEquals(EnumSet.of(Modality.SPEECH, Modality.VIDEO), fused.modalities());
            assertEquals(0.0, fused.probability(Emotion.CALM), "calm is not shared");
            assertEquals(7, fused.labelOrder().size());
            for (Emotion a : FACE.emotions()) {
                double got = Math.log(fused.probability(a) / fused.probability(Emotion.NEUTRAL));
                double want = w[0] * Math.log(face().probability(a) / face().probability(Emotion.NEUTRAL))
                        + w[1] * Math.log(speech().probability(a) / speech().probability(Emotion.NEUTRAL));
                assertEquals(want, got, 1e-5, a + " with weights " + w[0] + ", " + w[1]);
            }
        }
    }

    @Test
    void aZeroWeightLeavesTheOtherModalityRenormalisedOverTheSharedEmotions() {
        Prediction faceOnly = new LateFusion(1, 0).fuse(face(), speech());
        for (Emotion e : FACE.emotions()) {
            assertEquals(face().probability(e), faceOnly.probability(e), 1e-6, e.label());
        }
        Prediction speechOnly = new LateFusion(0, 1).fuse(face(), speech());
        double shared = 1 - speech().probability(Emotion.CALM);
        for (Emotion e : FACE.emotions()) {
            assertEquals(speech().probability(e) / shared, speechOnly.probability(e), 1e-6, e.label());
        }
    }

    @Test
    void badWeightsAreRefused() {
        for (double[] w : new double[][] {{0, 0}, {-1, 1}, {Double.NaN, 1}, {1, Double.POSITIVE_INFINITY}}) {
            assertThrows(IllegalArgumentException.class, () -> new LateFusion(w[0], w[1]));
        }
    }

    @Test
    void predictionsWithoutCalmReportZeroForIt() {
        assertEquals(0.0, face().probability(Emotion.CALM));
        assertEquals(1.0, face().probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FACE.indexOf(Emotion.CALM));
    }
}
