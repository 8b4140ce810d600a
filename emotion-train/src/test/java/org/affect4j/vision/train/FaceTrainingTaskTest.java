package org.affect4j.vision.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.core.train.TrainingTask;
import org.affect4j.vision.data.FaceImageFolders;
import org.affect4j.vision.data.FaceImageRecordReader;
import org.affect4j.vision.net.FaceCnn;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The face-expression CNN's training task (issue 26, item 2) on real labelled faces from ../shared. */
class FaceTrainingTaskTest {

    /** Mirror and shift move one lit pixel where they say, drawn reproducibly per epoch seed and example index. */
    @Test
    void augmentationMirrorsAndShiftsReproducibly() {
        float[] img = new float[48 * 48];
        img[10 * 48 + 20] = 1f; // row 10, column 20
        assertSame(img, FaceTrainingTask.augmented(img, 3, 7, FaceTrainingTask.Augmentation.NONE));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            float[] out = FaceTrainingTask.augmented(img, 3, i, FaceTrainingTask.Augmentation.MIRROR_SHIFT);
            assertArrayEquals(out, FaceTrainingTask.augmented(img, 3, i, FaceTrainingTask.Augmentation.MIRROR_SHIFT), 0f);
            int at = -1;
            for (int k = 0; k < out.length; k++) {
                if (out[k] == 1f) {
                    at = k;
                }
            }
            int row = at / 48;
            int col = at % 48;
            int dy = row - 10;
            boolean mirrored = Math.abs(col - 20) > 4; // unmirrored column 20 ± 4, mirrored 27 ± 4
            int dx = mirrored ? col - 27 : col - 20;
            assertTrue(Math.abs(dx) <= 4 && Math.abs(dy) <= 4, "shift " + dx + "," + dy);
            assertEquals(1f, sum(out), 0f, "one pixel, moved, not duplicated");
            seen.add(mirrored + " " + dx + " " + dy);
        }
        assertTrue(seen.size() > 100, "mirror x 9 x 9 shifts are all drawn: " + seen.size() + " of 162 seen");
    }

    /**
     * The standard augmentation rotates and zooms about the centre: a bright square's centroid moves by at most the
     * drawn shift plus what ±10° and ×(0.9–1.1) do to its distance from the centre, its area stays within the zoom's
     * bounds, every value stays in [0, 1], and the draws are reproducible and varied.
     */
    @Test
    void standardAugmentationRotatesAndZoomsWithinItsBounds() {
        float[] img = new float[48 * 48];
        for (int y = 8; y < 16; y++) {
            for (int x = 30; x < 38; x++) {
                img[y * 48 + x] = 1f; // an 8 x 8 square, centroid (33.5, 11.5): 16.3 px from the centre
            }
        }
        Set<Long> areas = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            float[] out = FaceTrainingTask.augmented(img, 5, i, FaceTrainingTask.Augmentation.STANDARD);
            assertArrayEquals(out, FaceTrainingTask.augmented(img, 5, i, FaceTrainingTask.Augmentation.STANDARD), 0f);
            double mass = 0;
            double cx = 0;
            double cy = 0;
            for (int k = 0; k < out.length; k++) {
                assertTrue(out[k] >= 0f && out[k] <= 1f, "value " + out[k]);
                mass += out[k];
                cx += out[k] * (k % 48);
                cy += out[k] * (k / 48);
            }
            cx /= mass;
            cy /= mass;
            assertTrue(mass > 64 * 0.9 * 0.9 - 8 && mass < 64 * 1.1 * 1.1 + 8, "area " + mass);
            double r = Math.hypot(cx - 23.5, cy - 23.5);
            double r0 = Math.hypot(33.5 - 23.5, 11.5 - 23.5);
            assertTrue(r > r0 * 0.9 - 4 * Math.sqrt(2) - 0.5 && r < r0 * 1.1 + 4 * Math.sqrt(2) + 0.5, "distance " + r);
            areas.add(Math.round(mass));
        }
        assertTrue(areas.size() > 10, "zoom draws vary: " + areas);
    }

    /**
     * Fifteen epochs on 32 real faces (CK+ and JAFFE, 7 classes; no augmentation, no dropout, constant learning rate)
     * lower the training loss and fit the validation images (the same faces); the exported archive's weights give the validation score exactly (same
     * graph code on the same weights and images).
     */
    @Test
    void trainingLowersTheLossAndTheExportScoresAsValidationDid(@TempDir Path work) {
        List<FaceImageFolders.LabelledImage> all = FaceImageFolders.ckPlus48(SharedData.require("data/faces/images"));
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < all.size() && xs.size() < 32; i += 5) {
            xs.add(FaceImageRecordReader.pixels(all.get(i).file(), 48));
            ys.add(FaceImageFolders.FER2013_ORDER.indexOf(all.get(i).emotion()));
        }
        int[] labels = ys.stream().mapToInt(Integer::intValue).toArray();
        FaceTrainingTask task = new FaceTrainingTask(FaceCnn.initialWeights(7, 5), 8, FaceImageFolders.FER2013_ORDER, xs, labels,
                xs, labels, FaceTrainingTask.Augmentation.NONE, false, Map.of("data", "32 images of ../shared/data/faces/images"));
        Trainer.Result r = new Trainer(new TrainerConfig(15, 8, 1e-3, 0, 0.5, 100, 0, 42), work, null).fit(task);
        double first = r.history().get(0).trainLoss();
        double last = r.history().get(r.history().size() - 1).trainLoss();
        System.out.printf("face CNN on 32 faces: training loss %.3f -> %.3f, best validation accuracy %.3f%n", first, last,
                r.bestValAccuracy());
        assertTrue(last < first * 0.8, "training loss " + first + " -> " + last);
        assertTrue(r.bestValAccuracy() > 0.4, "validation accuracy on the training faces " + r.bestValAccuracy());

        ModelArchive a = ModelArchive.read(r.bestModel());
        assertEquals(FaceTrainingTask.KIND, a.meta().get("kind"));
        assertEquals(List.of("angry", "disgust", "fearful", "happy", "sad", "surprised", "neutral"), a.meta().get("labelOrder"));
        TrainingTask.Score exported = FaceTrainingTask.score(FaceCnn.build(a.stateDict("weights."), 7), xs, labels);
        assertEquals(r.bestValAccuracy(), exported.accuracy(), 0.0, "the exported best model scores as its validation did");
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
