package org.affect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PredictionTest {

    @Test
    void softmaxOverLogitsInTheNetworksOrder() {
        float[] logits = {0, 0, 0, 0, 0, 3f, 0, 0}; // index 5 = angry in the seed order
        Prediction p = Prediction.fromLogits(logits, LabelOrder.SEED_SPEECH, Set.of(Modality.SPEECH));
        assertEquals(Emotion.ANGRY, p.emotion());
        double expectedTop = Math.exp(3) / (Math.exp(3) + 7);
        assertEquals(expectedTop, p.confidence(), 1e-12);
        assertEquals(1.0, p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        assertEquals(1 / (Math.exp(3) + 7), p.probability(Emotion.SURPRISED), 1e-12);
        assertTrue(p.valence().isEmpty());
    }

    @Test
    void isImmutable() {
        float[] logits = {1, 2, 3, 4, 5, 6, 7, 8};
        Prediction p = Prediction.fromLogits(logits, LabelOrder.EMONET, Set.of(Modality.VIDEO), 0.5, -0.25);
        logits[7] = -100;
        assertEquals(Emotion.CALM, p.emotion());
        p.logits()[7] = -100;
        assertEquals(8f, p.logits()[7]);
        assertThrows(UnsupportedOperationException.class, () -> p.probabilities().put(Emotion.CALM, 0.0));
        assertThrows(UnsupportedOperationException.class, () -> p.modalities().add(Modality.SPEECH));
        assertEquals(0.5, p.valence().getAsDouble());
        assertEquals(-0.25, p.arousal().getAsDouble());
    }

    @Test
    void rejectsWrongLengthNonFiniteOrNoModality() {
        assertThrows(IllegalArgumentException.class,
                () -> Prediction.fromLogits(new float[7], LabelOrder.EMONET, Set.of(Modality.VIDEO)));
        assertThrows(IllegalArgumentException.class,
                () -> Prediction.fromLogits(new float[] {0, 0, 0, 0, 0, 0, 0, Float.NaN}, LabelOrder.EMONET, Set.of(Modality.VIDEO)));
        assertThrows(IllegalArgumentException.class,
                () -> Prediction.fromLogits(new float[8], LabelOrder.EMONET, Set.of()));
    }
}
