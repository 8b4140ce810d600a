package org.affect4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;
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
}
