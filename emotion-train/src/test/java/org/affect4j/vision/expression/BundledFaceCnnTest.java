package org.affect4j.vision.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.affect4j.core.Emotion;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.core.nn.Logits;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.data.FaceImageFolders;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.io.ImageFiles;
import org.junit.jupiter.api.Test;

/**
 * The library's own face-expression CNN bundled in the jar ({@link FaceModel#AFFECT4J_FER2013}, issue 26) is the model
 * whose training and evaluation are committed in {@code docs/results/face-cnn/}: same bytes (sha256), the recorded
 * training data (FER2013's 28,709 / 3,589 train / validation images), the best epoch of the committed epoch log, and the
 * committed test reports over FER2013's whole test split and all of CK+48. It also reads crops of any size the way
 * video does, and scores well above chance on the labelled faces in ../shared (which it never saw).
 */
class BundledFaceCnnTest {

    private static final Path RESULTS = Path.of("..", "docs", "results", "face-cnn");

    @Test
    void theBundledModelIsTheCommittedRunWithItsRecordedProvenance() throws Exception {
        byte[] bytes;
        try (InputStream in = FaceCnnModel.class.getResourceAsStream(FaceCnnModel.BUNDLED_RESOURCE)) {
            bytes = in.readAllBytes();
        }
        String expected = Files.readString(RESULTS.resolve("best-model.zip.sha256")).trim().split("\\s+")[0];
        assertEquals(expected, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                "bundled face CNN vs " + RESULTS.resolve("best-model.zip.sha256"));

        ModelArchive a = ModelArchive.read(new java.io.ByteArrayInputStream(bytes), Path.of(FaceCnnModel.BUNDLED_RESOURCE));
        Map<String, Object> meta = a.meta();
        assertEquals("affect4j-face-expression-cnn", meta.get("kind"));
        assertTrue(String.valueOf(meta.get("data")).startsWith("FER2013"), "data: " + meta.get("data"));
        assertEquals(28709, ((Number) meta.get("trainImages")).intValue(), "FER2013's training split less the augmented copies");
        assertEquals(3589, ((Number) meta.get("validationImages")).intValue(), "FER2013's PublicTest split");
        assertEquals(List.of("angry", "disgust", "fearful", "happy", "sad", "surprised", "neutral"), meta.get("labelOrder"));

        // the archive's epoch and validation accuracy are those of the last "(best, saved)" line of the committed log
        Map<?, ?> provenance = (Map<?, ?>) meta.get("provenance");
        Matcher best = null;
        Pattern line = Pattern.compile("^epoch (\\d+): .*\\| val loss ([0-9.]+) acc ([0-9.]+) .*\\(best, saved\\)$");
        for (String l : Files.readAllLines(RESULTS.resolve("epochs.log"))) {
            Matcher m = line.matcher(l.trim());
            if (m.matches()) {
                best = m;
            }
        }
        assertTrue(best != null, "epochs.log records a best epoch");
        assertEquals(Integer.parseInt(best.group(1)), ((Number) provenance.get("epoch")).intValue() + 1, "best epoch");
        assertEquals(best.group(3), String.format(Locale.ROOT, "%.4f", ((Number) provenance.get("valAccuracy")).doubleValue()));

        // the committed test reports cover the whole FER2013 test split and all of CK+48 less contempt
        EvaluationReport fer = EvaluationReport.fromJson(Files.readString(RESULTS.resolve("fer2013-test/report.json")));
        EvaluationReport ck = EvaluationReport.fromJson(Files.readString(RESULTS.resolve("ck48/report.json")));
        assertEquals(3589, fer.total());
        assertEquals(927, ck.total());
        System.out.printf(Locale.ROOT, "bundled face CNN: epoch %s, validation %.4f; FER2013 test %.4f, CK+48 %.4f (committed reports)%n",
                best.group(1), ((Number) provenance.get("valAccuracy")).doubleValue(), fer.accuracy(), ck.accuracy());
    }

    /** Through the classifier (as video uses it) on the 160 labelled JAFFE / CK+ faces of ../shared, as given. */
    @Test
    void theBundledModelScoresWellAboveChanceOnFacesItNeverSaw() {
        List<FaceImageFolders.LabelledImage> images = FaceImageFolders.ckPlus48(SharedData.require("data/faces/images"));
        assertEquals(160, images.size());
        List<RgbTensor> crops = new ArrayList<>();
        for (FaceImageFolders.LabelledImage im : images) {
            crops.add(RgbTensor.of(ImageFiles.read(im.file())));
        }
        int correct = 0;
        try (FaceExpressionClassifier c = BundledFaceModels.classifier(FaceModel.AFFECT4J_FER2013)) {
            float[][] lp = c.logProbabilities(crops);
            for (int i = 0; i < lp.length; i++) {
                double sum = 0;
                for (float v : lp[i]) {
                    sum += Math.exp(v);
                }
                assertEquals(1.0, sum, 1e-4, "log-probabilities");
                Emotion got = c.labels().emotionAt(Logits.argmax(lp[i]));
                correct += got == images.get(i).emotion() ? 1 : 0;
            }
        }
        double acc = correct / 160.0;
        System.out.printf(Locale.ROOT, "bundled face CNN on the 160 labelled faces of ../shared (as given): %.3f (%d/160)%n", acc, correct);
        assertTrue(acc >= 0.35, "chance is 1/7 = 0.14; measured " + acc);
    }

    /**
     * Mirror averaging is the mean of the image's and its mirror's logits, so an image and its mirror get the same
     * averaged logits (up to float rounding of the summation order).
     */
    @Test
    void mirrorAveragingIsSymmetric() {
        java.util.Random rng = new java.util.Random(3);
        float[] img = new float[48 * 48];
        float[] mirrored = new float[48 * 48];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                img[y * 48 + x] = rng.nextFloat();
            }
        }
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                mirrored[y * 48 + x] = img[y * 48 + 47 - x];
            }
        }
        try (FaceCnnModel m = FaceCnnModel.bundled()) {
            float[][] plain = m.logits(List.of(img, mirrored));
            float[][] avg = m.mirrorAveragedLogits(List.of(img, mirrored));
            for (int k = 0; k < 7; k++) {
                assertEquals((plain[0][k] + plain[1][k]) / 2, avg[0][k], 1e-4, "mean of the two");
                assertEquals(avg[0][k], avg[1][k], 1e-4, "an image and its mirror average alike");
            }
        }
    }

    /**
     * Crops of any size become 48 × 48 grey in [0, 1]: a uniform RGB crop gives its BT.601 grey everywhere, whatever its
     * size, and a 48 × 48 grey crop is passed through unchanged.
     */
    @Test
    void cropsOfAnySizeBecomeTheNetworksInput() {
        for (int side : List.of(20, 48, 97, 300)) {
            float[] rgb = new float[side * side * 3];
            for (int i = 0; i < side * side; i++) {
                rgb[3 * i] = 200;
                rgb[3 * i + 1] = 100;
                rgb[3 * i + 2] = 50;
            }
            float[] x = FaceCnnModel.input(RgbTensor.of(side, side, 3, rgb));
            assertEquals(48 * 48, x.length);
            for (float v : x) {
                assertEquals((0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255, v, 1e-5, "side " + side);
            }
        }
        float[] grey = new float[48 * 48 * 3];
        float[] expected = new float[48 * 48];
        java.util.Random rng = new java.util.Random(1);
        for (int i = 0; i < 48 * 48; i++) {
            int g = rng.nextInt(256);
            grey[3 * i] = g;
            grey[3 * i + 1] = g;
            grey[3 * i + 2] = g;
            expected[i] = g / 255f;
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, FaceCnnModel.input(RgbTensor.of(48, 48, 3, grey)), 1e-6f);
    }
}
