package org.affect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.affect4j.core.eval.EvaluationReport;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    @Test
    void countsPrecisionRecallAndGroups() {
        EvaluationReport r = new EvaluationReport.Builder()
                .add(Emotion.ANGRY, Emotion.ANGRY, 1, 2)
                .add(Emotion.ANGRY, Emotion.SAD, 1, 1)
                .add(Emotion.SAD, Emotion.SAD, 2, 1)
                .add(Emotion.CALM, Emotion.SAD, 2, 2)
                .build();
        assertEquals(0.5, r.accuracy());
        assertEquals(1.0, r.precision(Emotion.ANGRY));
        assertEquals(0.5, r.recall(Emotion.ANGRY));
        assertEquals(1.0 / 3, r.precision(Emotion.SAD), 1e-12);
        assertEquals(1.0, r.recall(Emotion.SAD));
        assertEquals(0.5, r.f1(Emotion.SAD), 1e-12);
        assertEquals(0.5, r.accuracyPerActor().get(1));
        assertEquals(0.5, r.accuracyPerIntensity().get(2));
        assertEquals(1, r.count(Emotion.CALM, Emotion.SAD));
        assertEquals(1L, r.confusionMatrix().get(Emotion.ANGRY).get(Emotion.SAD));
        assertTrue(r.format().contains("accuracy 2/4 = 0.500"), r.format());
    }
}
