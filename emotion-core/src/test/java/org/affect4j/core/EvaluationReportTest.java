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
}
