package org.affect4j.vision.facenets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.vision.expression.BundledFaceModels;
import org.affect4j.vision.expression.FaceAligner;
import org.affect4j.vision.expression.FaceExpressionClassifier;
import org.affect4j.vision.expression.FaceModel;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.face.TinyFaceDetector;
import org.affect4j.vision.io.BgrImage;
import org.junit.jupiter.api.Test;

/**
 * Which bundled face model is best (the two third-party nets and the library's own FER2013 CNN), measured on the labelled faces in {@code ../shared/data/faces/images} (JAFFE 70,
 * CK+48 105; contempt, which no net has, left out: 160 images): accuracy, macro recall and confusion matrix per
 * set, for each net and three crops — the image as given ("plain": these images are already face crops), the
 * TinyFaceDetector box, and face-api's landmark-aligned box. The numbers printed here are the model card's. Also
 * checks that on the plain crops each third-party net's predictions equal those of its own framework (TensorFlow.js,
 * {@code face-refs/labelled.csv} made by {@code src/test/tfjs/make-face-refs.cjs}) within one image.
 */
class FaceModelComparisonTest {

    private static final Map<String, Emotion> LABELS = Map.of("anger", Emotion.ANGRY, "disgust", Emotion.DISGUST,
            "fear", Emotion.FEARFUL, "happy", Emotion.HAPPY, "neutral", Emotion.NEUTRAL, "sadness", Emotion.SAD,
            "surprise", Emotion.SURPRISED);

    @Test
    void bothNetsScoredPerSetAndCropAndTheDefaultIsTheBetter() throws IOException {
        Map<String, int[]> reference = referenceArgmax();
        List<FaceRefCases.Labelled> images = FaceRefCases.labelled().stream().filter(l -> LABELS.containsKey(l.label())).toList();
        assertEquals(160, images.size());
        Map<String, Double> accuracy = new HashMap<>();
        try (TinyFaceDetector detector = BundledFaceModels.detector(); FaceAligner aligner = FaceAligner.bundled()) {
            // the three crops of every image (detector misses fall back to the image as given, and are counted)
            Map<String, List<RgbTensor>> crops = new HashMap<>();
            int[] misses = new int[2];
            for (FaceRefCases.Labelled l : images) {
                BgrImage img = FaceRefCases.image(l.path());
                RgbTensor whole = RgbTensor.of(img);
                List<TinyFaceDetector.Detection> d = detector.detections(img);
                RgbTensor box = d.isEmpty() ? null : TinyFaceDetector.crop(whole, d.get(0).box());
                FaceBox aligned = d.isEmpty() ? null : aligner.align(whole, d.get(0).box());
                RgbTensor al = aligned == null ? null : TinyFaceDetector.crop(whole, aligned);
                if (box == null) {
                    misses[l.dataset().equals("CK+") ? 0 : 1]++;
                }
                crops.computeIfAbsent("plain", k -> new ArrayList<>()).add(whole);
                crops.computeIfAbsent("box", k -> new ArrayList<>()).add(box == null ? whole : box);
                crops.computeIfAbsent("aligned", k -> new ArrayList<>()).add(al == null ? whole : al);
            }
            System.out.printf("TinyFaceDetector (416, 0.5) found no face in %d/105 CK+48 and %d/70 JAFFE images (less contempt: of 90 / 70);"
                    + " those fall back to the image as given%n", misses[0], misses[1]);
            for (FaceModel m : FaceModel.values()) {
                try (FaceExpressionClassifier c = BundledFaceModels.classifier(m)) {
                    for (String style : List.of("plain", "box", "aligned")) {
                        float[][] lp = c.logProbabilities(crops.get(style));
                        int mismatch = 0;
                        for (String set : List.of("CK+", "JAFFE", "all")) {
                            int[][] confusion = new int[7][7];
                            LabelOrder order = c.labels();
                            for (int i = 0; i < images.size(); i++) {
                                FaceRefCases.Labelled l = images.get(i);
                                if (!set.equals("all") && !l.dataset().equals(set)) {
                                    continue;
                                }
                                int got = argmax(lp[i]);
                                confusion[order.indexOf(LABELS.get(l.label()))][got]++;
                                if (style.equals("plain") && set.equals("all") && m != FaceModel.AFFECT4J_FER2013) {
                                    int ref = reference.get(l.name())[m == FaceModel.FACE_API_EXPRESSION ? 0 : 1];
                                    mismatch += ref == got ? 0 : 1;
                                }
                            }
                            double acc = report(m.id() + " / " + style + " / " + set, confusion, order);
                            accuracy.put(m.id() + "/" + style + "/" + set, acc);
                        }
                        if (style.equals("plain") && m != FaceModel.AFFECT4J_FER2013) {
                            System.out.printf("%s plain crops: %d of 160 predictions differ from TensorFlow.js's%n", m.id(), mismatch);
                            assertTrue(mismatch <= 1, m.id() + ": " + mismatch + " predictions differ from the reference framework's");
                        }
                    }
                }
            }
        }
        // the default (FACE_API_EXPRESSION, aligned crops) must be the better net on the combined set with its crop
        double faceApi = accuracy.get("face-api-expression/aligned/all");
        for (FaceModel other : List.of(FaceModel.HUMAN_EMOTION, FaceModel.AFFECT4J_FER2013)) {
            double best = 0;
            for (String style : List.of("plain", "box", "aligned")) {
                best = Math.max(best, accuracy.get(other.id() + "/" + style + "/all"));
            }
            System.out.printf(Locale.ROOT, "default face-api-expression (aligned) %.3f vs %s best crop %.3f on all 160%n", faceApi,
                    other.id(), best);
            assertTrue(faceApi >= best, "the default face model measures worse than " + other.id() + ": " + faceApi + " < " + best);
        }
    }

    private static double report(String what, int[][] confusion, LabelOrder order) {
        int correct = 0;
        int total = 0;
        double recallSum = 0;
        int classes = 0;
        StringBuilder rows = new StringBuilder();
        for (int t = 0; t < 7; t++) {
            int n = 0;
            for (int p = 0; p < 7; p++) {
                n += confusion[t][p];
            }
            total += n;
            correct += confusion[t][t];
            if (n > 0) {
                recallSum += confusion[t][t] / (double) n;
                classes++;
            }
            rows.append(String.format(Locale.ROOT, "    %-9s %s%n", order.emotionAt(t).label(), java.util.Arrays.toString(confusion[t])));
        }
        double acc = correct / (double) total;
        System.out.printf(Locale.ROOT, "%s: accuracy %.3f (%d/%d), macro recall %.3f; confusion (rows true, columns predicted, %s)%n%s",
                what, acc, correct, total, recallSum / classes, order.emotions(), rows);
        return acc;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static Map<String, int[]> referenceArgmax() throws IOException {
        Map<String, int[]> out = new HashMap<>();
        try (InputStream in = FaceModelComparisonTest.class.getResourceAsStream("/face-refs/labelled.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] c = lines[i].split(",");
                out.put(c[0], new int[] {Integer.parseInt(c[1]), Integer.parseInt(c[2])});
            }
        }
        assertEquals(175, out.size());
        return out;
    }
}
