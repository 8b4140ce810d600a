package org.affect4j.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.timeline.CsvTimelineWriter;
import org.affect4j.core.timeline.JsonlTimelineWriter;
import org.affect4j.core.timeline.TimelineProgress;
import org.affect4j.core.timeline.TimelineRow;
import org.affect4j.core.timeline.TimelineSink;
import org.affect4j.testing.SharedData;
import org.affect4j.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {

    /** Collects rows and also writes them through both writers. */
    static final class Collect implements TimelineSink {
        final List<TimelineRow> rows = new ArrayList<>();
        final StringWriter csvText = new StringWriter();
        final StringWriter jsonText = new StringWriter();
        final CsvTimelineWriter csv;
        final JsonlTimelineWriter json = new JsonlTimelineWriter(jsonText);

        Collect() throws java.io.IOException {
            csv = new CsvTimelineWriter(csvText);
        }

        @Override
        public void accept(TimelineRow row) throws java.io.IOException {
            rows.add(row);
            csv.accept(row);
            json.accept(row);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void speechTimelineOfALongWav(@TempDir Path tmp) throws Exception {
        List<Path> parts = new ArrayList<>();
        for (String n : List.of("03-01-01-01-01-01-01", "03-01-05-02-01-02-01", "03-01-03-02-02-01-01", "03-01-04-01-02-02-01")) {
            parts.add(SharedData.require("data/ravdess-speech/Actor_01/" + n + ".wav"));
        }
        Path wav = TestMedia.concatWavs(parts, tmp.resolve("long.wav"));
        double seconds = org.affect4j.audio.io.WavDecoder.header(wav).durationSeconds();
        List<TimelineProgress> progress = new ArrayList<>();
        Collect c = new Collect();
        try (SpeechDetector d = EmotionDetector.speech().load(SharedData.require("reference/speech/cnn_transf_parallel_model.pt"),
                SharedData.require("reference/speech/speech_data_scaler.pkl"))) {
            d.timeline(wav, 3.0, c, progress::add);
        }
        int expected = (int) Math.ceil(seconds / 3.0 - 1e-9);
        assertEquals(expected, c.rows.size(), seconds + " s in 3 s windows");
        assertEquals(expected, progress.size());
        assertEquals(seconds, progress.get(progress.size() - 1).doneSeconds(), 1e-6);
        assertTrue(c.rows.get(c.rows.size() - 1).realSeconds() <= 3.0);
        String[] lines = c.csvText.toString().split("\n");
        assertEquals(expected + 1, lines.length);
        int columns = lines[0].split(",", -1).length;
        for (String l : lines) {
            assertEquals(columns, l.split(",", -1).length, "every CSV row has the header's columns: " + l);
        }
        int padded = java.util.Arrays.asList(lines[0].split(",")).indexOf("mostly_padded");
        for (int i = 0; i < c.rows.size(); i++) {
            TimelineRow r = c.rows.get(i);
            assertEquals(r.realSeconds() < 0.5 * (r.end() - r.start()), r.mostlyPadded(), "row " + i + ": " + r.realSeconds() + " s real");
            assertEquals(String.valueOf(r.mostlyPadded()), lines[i + 1].split(",", -1)[padded], "CSV row " + i);
        }
        assertEquals(expected, c.jsonText.toString().lines().filter(l -> l.startsWith("{\"clip\":") && l.endsWith("}")).count());

        // a shorter, overlapping window: 2 s windows every 1.5 s, each padded to the network's 3 s
        Collect shortWindows = new Collect();
        try (SpeechDetector d = EmotionDetector.speech().load(SharedData.require("reference/speech/cnn_transf_parallel_model.pt"),
                SharedData.require("reference/speech/speech_data_scaler.pkl"))) {
            d.timeline(wav, 2.0, 1.5, shortWindows, null);
            assertEquals((int) Math.ceil(seconds / 1.5 - 1e-9), shortWindows.rows.size());
            for (TimelineRow r : shortWindows.rows) {
                assertEquals(2.0, r.end() - r.start(), 1e-9);
                assertTrue(r.realSeconds() <= 2.0 + 1e-9, "at most 2 s real: " + r.realSeconds());
            }
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> d.timeline(wav, 4.0, 3.0, shortWindows, null));
            assertTrue(e.getMessage().contains("(0, 3.0]"), e.getMessage());
        }
    }

    @Test
    void multimodalTimelineOfConcatenatedClips(@TempDir Path tmp) throws Exception {
        Path video = TestMedia.concatVideos(List.of(SharedData.require("data/faces/video/bbaf2n.mpg"),
                SharedData.require("data/faces/video/brbk7n.mpg"), SharedData.require("data/faces/video/lwbsza.mpg")), tmp.resolve("three.mp4"));
        Collect c = new Collect();
        try (MultimodalDetector d = EmotionDetector.multimodal()
                .faceDetector(SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml")).emonetStride(30)
                .load(SharedData.require("reference/vision/multimodal_random.pkl"), SharedData.require("reference/speech/speech_data_scaler.pkl"))) {
            d.timeline(video, 3.0, c, null);
        }
        System.out.print(c.csvText);
        assertTrue(c.rows.size() >= 3, "three 3 s windows: " + c.rows.size());
        for (TimelineRow r : c.rows) {
            assertTrue(r.face() >= 0 && r.box().isPresent() && r.prediction().isPresent(), "a face with a prediction in every window: " + r);
            assertTrue(r.prediction().get().modalities().size() == 2, "speech and video fused: " + r);
        }
    }
}
