package org.affect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.affect4j.core.eval.EvaluationReport;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    @Test
    void countsPrecisionRecallAndGroups() {
        EvaluationReport r = fourClips();
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
        String json = r.toJson();
        assertTrue(json.startsWith("{\"correct\":2,\"total\":4,\"accuracy\":0.500000"), json);
        assertTrue(json.contains("\"angry\":{\"precision\":1.000000,\"recall\":0.500000"), json);
        assertTrue(json.contains("\"confusion\":[[0,0,0,0,0,0,0,0],[0,0,0,1,0,0,0,0]"), json); // calm row: one predicted sad
    }

    @Test
    void confusionMatrixPng(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        EvaluationReport r = new EvaluationReport.Builder().add(Emotion.SAD, Emotion.SAD, 1, 1).add(Emotion.CALM, Emotion.SAD, 1, 1).build();
        java.nio.file.Path png = tmp.resolve("confusion.png");
        r.writeConfusionPng(png);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 500 && img.getHeight() > 500, "image size " + img.getWidth() + "x" + img.getHeight());
        // the (sad, sad) cell is fully shaded (share 1): dark blue; the (neutral, neutral) cell is white
        int sad = Emotion.SAD.ordinal();
        int rgb = img.getRGB(110 + sad * 64 + 5, 110 + sad * 64 + 5);
        assertEquals(0, (rgb >> 16) & 0xff, "full share is pure blue");
        assertEquals(0xffffff, img.getRGB(110 + 5, 110 + 5) & 0xffffff, "empty row stays white");
    }

    private static EvaluationReport fourClips() {
        return new EvaluationReport.Builder()
                .add(Emotion.ANGRY, Emotion.ANGRY, 1, 2)
                .add(Emotion.ANGRY, Emotion.SAD, 1, 1)
                .add(Emotion.SAD, Emotion.SAD, 2, 1)
                .add(Emotion.CALM, Emotion.SAD, 2, 2)
                .build();
    }

    @Test
    void macroF1AveragesTheClassesThatOccur() {
        // angry: P 1, R 1/2, F1 2/3; sad: F1 1/2; calm: never predicted right, F1 0; the other five never occur
        assertEquals((2.0 / 3 + 0.5 + 0) / 3, fourClips().macroF1(), 1e-12);
    }

    @Test
    void jsonRoundTripKeepsEveryCount() {
        EvaluationReport r = fourClips();
        EvaluationReport back = EvaluationReport.fromJson(r.toJson());
        assertEquals(r.confusionMatrix(), back.confusionMatrix());
        assertEquals(r.accuracyPerActor(), back.accuracyPerActor());
        assertEquals(r.accuracyPerIntensity(), back.accuracyPerIntensity());
        assertEquals(r.format(), back.format());
        assertEquals(r.toJson(), back.toJson());
    }

    /** The bundled model's committed test report predates the per-group counts: confusion and totals still read. */
    @Test
    void readsTheCommittedTestReportOfTheBundledModel() throws Exception {
        java.nio.file.Path f = java.nio.file.Path.of("..", "docs", "results", "speech-v1", "test-report-actors-01-04.json");
        EvaluationReport r = EvaluationReport.fromJson(java.nio.file.Files.readString(f));
        assertEquals(240, r.total());
        assertEquals(120, r.correct());
        assertEquals(0.1875, r.recall(Emotion.NEUTRAL), 1e-9); // 3 of 16, as MODEL_CARD.md's table states (0.188)
    }

    @Test
    void malformedReportsAreRefusedWithTheReason() {
        String good = fourClips().toJson();
        org.junit.jupiter.api.function.Executable[] bad = {
            () -> EvaluationReport.fromJson("{\"accuracy\":0.5}"),
            () -> EvaluationReport.fromJson(good.replace("\"calm\",\"happy\"", "\"calm\",\"calm\"")),
            () -> EvaluationReport.fromJson(good.replace("[0,0,0,1,0,0,0,0]", "[0,0,0,-1,0,0,0,0]")),
            () -> EvaluationReport.fromJson(good.replace("\"total\":4", "\"total\":5")),
            () -> EvaluationReport.fromJson("not json"),
        };
        String[] reason = {"8 \"labels\"", "appears twice", "not a count", "disagrees", "not JSON"};
        for (int i = 0; i < bad.length; i++) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, bad[i]);
            assertTrue(e.getMessage().contains(reason[i]), i + ": " + e.getMessage());
        }
    }

    @Test
    void crossValidationGivesMeanAndSampleSdOverFoldsAndPoolsTheClips() {
        EvaluationReport b = new EvaluationReport.Builder()
                .add(Emotion.ANGRY, Emotion.ANGRY, 5, 1)
                .add(Emotion.SAD, Emotion.SAD, 6, 1)
                .add(Emotion.NEUTRAL, Emotion.CALM, 6, 1)
                .build();
        org.affect4j.core.eval.CrossValidationReport cv = org.affect4j.core.eval.CrossValidationReport.of(java.util.Map.of(1, b, 0, fourClips()));
        assertEquals(java.util.List.of(0, 1), java.util.List.copyOf(cv.folds().keySet()));
        // accuracies 1/2 and 2/3: mean 7/12, sample sd |1/2 - 2/3| / sqrt 2
        assertEquals(7.0 / 12, cv.accuracy().mean(), 1e-12);
        assertEquals((2.0 / 3 - 0.5) / Math.sqrt(2), cv.accuracy().sd(), 1e-12);
        // angry recall 1/2 and 1; neutral occurs in fold 1 only: one value, no sd
        assertEquals(0.75, cv.recall(Emotion.ANGRY).mean(), 1e-12);
        assertEquals(0.5 / Math.sqrt(2), cv.recall(Emotion.ANGRY).sd(), 1e-12);
        assertEquals(1, cv.recall(Emotion.NEUTRAL).n());
        assertTrue(Double.isNaN(cv.recall(Emotion.NEUTRAL).sd()));
        EvaluationReport pooled = cv.pooled();
        assertEquals(7, pooled.total());
        assertEquals(4, pooled.correct());
        assertEquals(java.util.Map.of(1, 0.5, 2, 0.5, 5, 1.0, 6, 0.5), pooled.accuracyPerActor());
        assertTrue(cv.format().contains("accuracy  0.583 ± 0.118"), cv.format());
        assertTrue(cv.toJson().contains("\"accuracy\":{\"mean\":0.583333,\"sd\":0.117851,\"n\":2}"), cv.toJson());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.affect4j.core.eval.CrossValidationReport.of(java.util.Map.of()));
    }
}
