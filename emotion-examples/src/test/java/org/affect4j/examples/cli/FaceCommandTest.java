package org.affect4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.examples.cli.Affect4jCliTest.Result;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.data.FaceImageFolders;
import org.affect4j.vision.expression.FaceCnnModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train-face} and {@code eval-face} end to end on real faces from ../shared laid out as FER2013 is (issue 26,
 * item 3): training writes a face-CNN archive recording its data, and evaluation prints the report over every image.
 */
class FaceCommandTest {

    @Test
    void trainFaceWritesAModelAndEvalFaceReportsOnFer2013AndCk48Layouts(@TempDir Path tmp) throws Exception {
        Path images = SharedData.require("data/faces/images");
        List<FaceImageFolders.LabelledImage> all = FaceImageFolders.ckPlus48(images);
        Path fer = tmp.resolve("fer2013");
        String[] splits = {"train", "validation", "test"};
        for (int i = 0; i < all.size(); i += 4) { // 40 images: 20 train, 10 validation, 10 test
            String split = splits[(i / 4) % 4 == 3 ? 1 : (i / 4) % 4 == 2 ? 2 : 0];
            FaceImageFolders.LabelledImage im = all.get(i);
            String folder = switch (im.emotion()) {
                case ANGRY -> "angry";
                case DISGUST -> "disgust";
                case FEARFUL -> "fear";
                case HAPPY -> "happy";
                case SAD -> "sad";
                case SURPRISED -> "surprise";
                default -> "neutral";
            };
            Path to = fer.resolve(split).resolve(folder).resolve(im.file().getFileName());
            Files.createDirectories(to.getParent());
            Files.copy(im.file(), to);
        }
        Path work = tmp.resolve("work");
        Result t = Affect4jCliTest.run("train-face", "--data", fer.toString(), "--work", work.toString(), "--epochs", "2", "--batch", "8");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("best epoch"), t.out());
        Path model = work.resolve("best-model.zip");
        ModelArchive a = ModelArchive.read(model);
        assertEquals("affect4j-face-expression-cnn", a.meta().get("kind"));
        int trainImages = ((Number) a.meta().get("trainImages")).intValue();
        assertEquals(FaceImageFolders.fer2013(fer, "train").size(), trainImages);

        Result e = Affect4jCliTest.run("eval-face", "--model", model.toString(), "--data", fer.toString(),
                "--report-dir", tmp.resolve("rep").toString());
        assertEquals(0, e.code(), e.err());
        int test = FaceImageFolders.fer2013(fer, "test").size();
        assertTrue(e.out().matches("(?s)accuracy \\d+/" + test + " = .*macro-F1 .*"), e.out());
        assertTrue(Files.readString(tmp.resolve("rep/report.json")).contains("\"total\":" + test));
        Result ck = Affect4jCliTest.run("eval-face", "--model", model.toString(), "--data", images.toString(), "--layout", "ck48");
        assertEquals(0, ck.code(), ck.err());
        assertTrue(ck.out().startsWith("accuracy ") && ck.out().contains("/160 = "), ck.out());

        Result bad = Affect4jCliTest.run("train-face", "--data", fer.toString(), "--work", work.toString(), "--augment", "rotate");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--augment takes standard, mirror-shift or none, got 'rotate'"), bad.err());
        Path speech = tmp.resolve("speech.zip");
        org.affect4j.audio.BundledSpeechModel.SEED_RECIPE.read().write(speech);
        Result wrong = Affect4jCliTest.run("eval-face", "--model", speech.toString(), "--data", images.toString(), "--layout", "ck48");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("not a face-expression CNN archive"), wrong.err());
    }

    /**
     * eval-face scores a bundled net like a train-face model: the own bundled CNN through --face-model gives the same
     * report as its archive through --model (same input conversion, same mirror averaging); wrong combinations are usage errors.
     */
    @Test
    void evalFaceScoresABundledNetAsItsArchive(@TempDir Path tmp) throws Exception {
        Path images = SharedData.require("data/faces/images");
        Result bundled = Affect4jCliTest.run("eval-face", "--face-model", "affect4j-fer2013", "--data", images.toString(), "--layout", "ck48");
        assertEquals(0, bundled.code(), bundled.err());
        assertTrue(bundled.out().startsWith("accuracy ") && bundled.out().contains("/160 = "), bundled.out());
        Path zip = tmp.resolve("own.zip");
        try (java.io.InputStream in = FaceCnnModel.class.getResourceAsStream(FaceCnnModel.BUNDLED_RESOURCE)) {
            Files.copy(in, zip);
        }
        Result archive = Affect4jCliTest.run("eval-face", "--model", zip.toString(), "--data", images.toString(), "--layout", "ck48");
        assertEquals(bundled.out(), archive.out(), "bundled net vs its archive through --model");
        Result plain = Affect4jCliTest.run("eval-face", "--model", zip.toString(), "--tta", "none", "--data", images.toString(), "--layout", "ck48");
        assertEquals(0, plain.code(), plain.err());
        assertEquals(2, Affect4jCliTest.run("eval-face", "--data", images.toString()).code(), "neither --model nor --face-model");
        Result both = Affect4jCliTest.run("eval-face", "--model", zip.toString(), "--face-model", "human-emotion", "--data", images.toString());
        assertTrue(both.code() == 2 && both.err().contains("one of --model"), both.err());
        Result tta = Affect4jCliTest.run("eval-face", "--face-model", "human-emotion", "--tta", "mirror", "--data", images.toString());
        assertTrue(tta.code() == 2 && tta.err().contains("--tta is for --model"), tta.err());
        Result unknown = Affect4jCliTest.run("eval-face", "--face-model", "emonet", "--data", images.toString(), "--layout", "ck48");
        assertTrue(unknown.code() == 2 && unknown.err().contains("unknown face model 'emonet'"), unknown.err());
    }

    /** --max-images K takes K images spread over the split (class-folder order), not the first K (one class). */
    @Test
    void maxImagesSpreadsOverTheClasses() {
        List<String> split = new java.util.ArrayList<>();
        for (String c : List.of("angry", "happy", "sad", "surprise")) {
            for (int i = 0; i < 25; i++) {
                split.add(c + "/" + i);
            }
        }
        List<String> chosen = TrainFaceCommand.spread(split, 8);
        assertEquals(8, chosen.size());
        assertEquals(4, chosen.stream().map(x -> x.substring(0, x.indexOf('/'))).distinct().count(), chosen.toString());
        assertEquals(split, TrainFaceCommand.spread(split, 500));
    }
}
