package org.affect4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.train.Trainer;
import org.affect4j.vision.net.EmoNetLstm;
import org.affect4j.testing.SharedData;
import org.affect4j.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example program on shared data. */
class ExamplesTest {

    static Path ckpt() {
        return SharedData.require("reference/speech/cnn_transf_parallel_model.pt");
    }

    static Path scaler() {
        return SharedData.require("reference/speech/speech_data_scaler.pkl");
    }

    @Test
    void oneClip() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Prediction p = OneClip.run(SharedData.require("data/ravdess-speech/Actor_02/03-01-05-02-01-02-02.wav"), ckpt(), scaler(),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(Emotion.ANGRY, p.emotion(), "the seed model gets this clip right (fixture logits)");
        assertTrue(buf.toString(StandardCharsets.UTF_8).startsWith("03-01-05-02-01-02-02.wav: angry"));
    }

    @Test
    void folderBatch(@TempDir Path tmp) throws Exception {
        for (String n : List.of("03-01-03-02-01-01-03.wav", "03-01-04-02-01-01-03.wav", "03-01-06-02-01-01-03.wav")) {
            Files.copy(SharedData.require("data/ravdess-speech/Actor_03/" + n), tmp.resolve(n));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<Prediction> ps = FolderBatch.run(tmp, ckpt(), scaler(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(3, ps.size());
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("file,label,confidence", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("03-01-03-02-01-01-03.wav,"));
    }

    @Test
    void longRecordingToCsv(@TempDir Path tmp) throws Exception {
        Path video = TestMedia.concatVideos(List.of(SharedData.require("data/faces/video/lwbsza.mpg"),
                SharedData.require("data/faces/video/bbaf2n.mpg")), tmp.resolve("two.mp4"));
        Path csv = tmp.resolve("timeline.csv");
        LongRecordingToCsv.run(video, csv, SharedData.require("reference/vision/multimodal_random.pkl"), scaler(),
                SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml"), 30);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("clip,start,end,face,x0,y0,x1,y1,label"), lines.get(0));
        assertTrue(lines.size() >= 3, "two 3 s windows: " + lines);
        assertTrue(lines.get(1).startsWith("0,0.0000,3.0000,0,"), lines.get(1));
    }

    /**
     * The video training example end to end on real faces: GRID clips copied under RAVDESS video names (labels and
     * actors from the names; no RAVDESS video is available here), EmoNet from the random-weight fixture, stride 30
     * (3 head frames per clip) and 2 epochs to keep it short.
     */
    @Test
    void trainVideoModel(@TempDir Path tmp) throws Exception {
        Path videos = tmp.resolve("videos");
        Map<String, String> copies = Map.of("bbaf2n.mpg", "Actor_05/02-01-05-01-01-01-05.mp4",
                "brbk7n.mpg", "Actor_05/02-01-03-01-01-01-05.mp4", "lwbsza.mpg", "Actor_21/02-01-05-01-02-01-21.mp4");
        for (Map.Entry<String, String> c : copies.entrySet()) {
            Path to = videos.resolve(c.getValue());
            Files.createDirectories(to.getParent());
            Files.copy(SharedData.require("data/faces/video/" + c.getKey()), to);
        }
        StateDict emonet = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"))
                .stripPrefix("emonet_lstm.net.");
        Trainer.Result r = TrainVideoModel.run(emonet, videos, SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml"),
                tmp.resolve("work"), Set.of(5), Set.of(21), 2, 30);
        System.out.printf("video training example: %d epochs, train loss %.3f -> %.3f, best epoch %d%n", r.history().size(),
                r.history().get(0).trainLoss(), r.history().get(1).trainLoss(), r.bestEpoch() + 1);
        assertEquals(2, r.history().size());
        assertTrue(r.complete());
        ModelArchive best = ModelArchive.read(r.bestModel());
        assertEquals("emonet-lstm", best.metaString("kind"));
        assertEquals(List.of(5), best.meta().get("trainActors"));
        // the best model loads as the seed's EmoNet-LSTM and keeps the pretrained face-alignment network
        StateDict trained = best.stateDict("weights.");
        assertArrayEquals(emonet.tensor("conv1.weight").toFloatArray(), trained.tensor("net.conv1.weight").toFloatArray());
        try (EmoNetLstm net = EmoNetLstm.create(trained, 4)) {
            assertEquals(8, net.sequenceLogits(new float[90][8]).length);
        }
    }
}
