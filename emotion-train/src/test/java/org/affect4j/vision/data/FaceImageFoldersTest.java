package org.affect4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.affect4j.core.Emotion;
import org.affect4j.testing.SharedData;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled face images from folder layouts (FER2013, CK+48) and the DataVec reader over them (issue 26, item 1). */
class FaceImageFoldersTest {

    /** ../shared's labelled images use CK+'s folder names: 175 files, of which contempt's 15 are left out. */
    @Test
    void ckLayoutLabelsComeFromFolderNamesAndContemptIsLeftOut() {
        List<FaceImageFolders.LabelledImage> all = FaceImageFolders.ckPlus48(SharedData.require("data/faces/images"));
        assertEquals(160, all.size());
        Map<Emotion, Integer> counts = new TreeMap<>();
        all.forEach(i -> counts.merge(i.emotion(), 1, Integer::sum));
        assertEquals(Map.of(Emotion.ANGRY, 25, Emotion.DISGUST, 25, Emotion.FEARFUL, 25, Emotion.HAPPY, 25, Emotion.NEUTRAL, 10,
                Emotion.SAD, 25, Emotion.SURPRISED, 25), counts);
        assertTrue(all.stream().noneMatch(i -> i.file().getParent().getFileName().toString().equals("contempt")));
    }

    /** FER2013's layout: splits of class folders; augmented copies ("x.jpg0.jpg") are left out; unknown folders refused. */
    @Test
    void fer2013LayoutLeavesOutAugmentedCopies(@TempDir Path root) throws Exception {
        Path images = SharedData.require("data/faces/images");
        Path train = root.resolve("train");
        copy(images.resolve("anger/KA.AN1.39.jpg"), train.resolve("angry/Training_1.jpg"));
        copy(images.resolve("disgust/KA.DI1.42.jpg"), train.resolve("disgust/Training_2.jpg"));
        copy(images.resolve("disgust/KA.DI1.42.jpg"), train.resolve("disgust/Training_2.jpg0.jpg"));
        copy(images.resolve("disgust/KA.DI1.42.jpg"), train.resolve("disgust/Training_2.jpg7.jpg"));
        copy(images.resolve("sadness/KA.SA1.33.jpg"), train.resolve("sad/Training_3.jpg"));
        List<FaceImageFolders.LabelledImage> t = FaceImageFolders.fer2013(root, "train");
        assertEquals(List.of("Training_1.jpg", "Training_2.jpg", "Training_3.jpg"),
                t.stream().map(i -> i.file().getFileName().toString()).toList());
        assertEquals(List.of(Emotion.ANGRY, Emotion.DISGUST, Emotion.SAD), t.stream().map(FaceImageFolders.LabelledImage::emotion).toList());
        assertTrue(FaceImageFolders.isAugmentedCopy("PrivateTest_1.jpg3.jpg"));
        assertFalse(FaceImageFolders.isAugmentedCopy("PrivateTest_1.jpg"));
        assertEquals(Optional.empty(), FaceImageFolders.emotionOfFolder("contempt"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceImageFolders.fer2013(root, "dev"));
        assertTrue(e.getMessage().contains("'dev'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FaceImageFolders.fer2013(root, "test"));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        Files.createDirectories(train.resolve("bored"));
        e = assertThrows(IllegalArgumentException.class, () -> FaceImageFolders.fer2013(root, "train"));
        assertTrue(e.getMessage().contains("bored") && e.getMessage().contains("not an expression folder"), e.getMessage());
    }

    /**
     * The reader gives (1, 1, 48, 48) grey pixels in [0, 1] and FER2013's class index: a 48×48 grey CK+ PNG's pixels
     * are its bytes / 255 exactly (no resizing); a 256×256 JAFFE image is resized to 48×48.
     */
    @Test
    void recordReaderGivesGreyPixelsAndFer2013ClassIndices() throws Exception {
        Path ck = SharedData.require("data/faces/images/happy/S010_006_00000015.png");
        Path jaffe = SharedData.require("data/faces/images/anger/KA.AN1.39.jpg");
        FaceImageRecordReader reader = new FaceImageRecordReader(FaceImageFolders.FER2013_ORDER, 48);
        reader.initialize(List.of(ck, jaffe));
        List<Writable> first = reader.next();
        float[] x = ((NDArrayWritable) first.get(0)).get().data().asFloat();
        assertArrayEquals(new long[] {1, 1, 48, 48}, ((NDArrayWritable) first.get(0)).get().shape());
        BufferedImage img = ImageIO.read(ck.toFile());
        assertEquals(48, img.getWidth());
        float[] expected = new float[48 * 48];
        for (int y = 0; y < 48; y++) {
            for (int c = 0; c < 48; c++) {
                expected[y * 48 + c] = (img.getRaster().getSample(c, y, 0)) / 255f;
            }
        }
        assertArrayEquals(expected, x, 0f, "same code path on the same bytes: exact");
        assertEquals(FaceImageFolders.FER2013_ORDER.indexOf(Emotion.HAPPY), ((IntWritable) first.get(1)).get());
        List<Writable> second = reader.next();
        float[] y = ((NDArrayWritable) second.get(0)).get().data().asFloat();
        assertEquals(48 * 48, y.length);
        for (float v : y) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v);
        }
        assertEquals(0, ((IntWritable) second.get(1)).get(), "angry is FER2013's class 0");
        assertFalse(reader.hasNext());
        reader.reset();
        assertTrue(reader.hasNext());
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }
}
