package org.affect4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.FusedFace;
import org.affect4j.core.MultimodalResult;
import org.affect4j.testing.SharedData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EmotionScoring} and {@link ScoreArchive} in Spark's {@code local[2]} mode on the shared RAVDESS WAVs and videos. */
class EmotionScoringTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("affect4j-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Sixteen shared WAVs, four per actor. */
    private static List<Path> wavs() {
        List<Path> all = RavdessFiles.list(SharedData.require("data/ravdess-speech"), ".wav");
        List<Path> chosen = new ArrayList<>();
        for (int i = 0; i < all.size() && chosen.size() < 16; i += 15) {
            chosen.add(all.get(i));
        }
        return chosen;
    }

    private static Dataset<Row> paths(List<Path> files) {
        return spark.createDataset(files.stream().map(Path::toString).toList(), Encoders.STRING()).toDF("path").repartition(2);
    }

    private static Map<String, Row> byPath(List<Row> rows) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : rows) {
            m.put(r.getString(r.fieldIndex("path")), r);
        }
        return m;
    }

    @Test
    void speechRowsEqualTheLibrarysOwnPredictions() {
        List<Path> files = wavs();
        List<Row> rows = EmotionScoring.speech().batchSize(5).transform(paths(files)).collectAsList();
        assertEquals(files.size(), rows.size());
        Map<String, Row> got = byPath(rows);
        double maxDiff = 0;
        try (SpeechDetector d = EmotionDetector.speech().load()) {
            for (Path f : files) {
                Prediction p = d.predict(f);
                Row r = got.get(f.toString());
                assertNotNull(r, "no row for " + f);
                assertNull(r.getAs("error"), r.toString());
                assertEquals("speech", r.getAs("part"));
                assertEquals(p.emotion().label(), r.getAs("emotion"), f.toString());
                assertEquals(p.span().orElseThrow().startSeconds(), (double) r.getAs("window_start"), 0.0);
                assertEquals(p.span().orElseThrow().endSeconds(), (double) r.getAs("window_end"), 0.0);
                assertEquals("speech", r.getAs("modalities"));
                for (Emotion e : Emotion.values()) {
                    double spark = r.getAs(ScoredRows.probabilityColumn(e));
                    maxDiff = Math.max(maxDiff, Math.abs(spark - p.probability(e)));
                    assertEquals(p.probability(e), spark, 0.0, f + " " + e);
                }
                assertEquals(p.confidence(), (double) r.getAs("confidence"), 0.0);
            }
        }
        System.out.printf(Locale.ROOT, "EmotionScoring on Spark local[2]: %d files, max |probability difference| vs predict = %s%n",
                files.size(), maxDiff);
    }

    @Test
    void aCorruptFileGetsAnErrorRowAndTheOthersStillScore(@TempDir Path tmp) throws Exception {
        List<Path> good = wavs().subList(0, 3);
        for (Path f : good) {
            Files.copy(f, tmp.resolve(f.getFileName()));
        }
        Files.write(tmp.resolve("broken.wav"), "RIFF, but not really a WAV file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] whole = Files.readAllBytes(good.get(0));
        Files.write(tmp.resolve("truncated.wav"), Arrays.copyOf(whole, 30));
        for (boolean content : new boolean[] {false, true}) {
            Dataset<Row> in = spark.read().format("binaryFile").option("pathGlobFilter", "*.wav").load(tmp.toString());
            in = content ? in.select("path", "content") : in.select("path");
            List<Row> rows = EmotionScoring.speech().batchSize(2).transform(in).collectAsList();
            assertEquals(5, rows.size(), rows.toString());
            int errors = 0;
            for (Row r : rows) {
                String path = r.getAs("path");
                String error = r.getAs("error");
                if (path.endsWith("broken.wav") || path.endsWith("truncated.wav")) {
                    errors++;
                    assertNotNull(error, path);
                    assertTrue(error.contains(path.substring(path.lastIndexOf('/') + 1)), "the error names the file: " + error);
                    assertNull(r.getAs("emotion"));
                } else {
                    assertNull(error, path + ": " + error);
                    assertNotNull(r.getAs("emotion"), path);
                }
            }
            assertEquals(2, errors, (content ? "content" : "paths") + ": " + rows);
            System.out.println("error rows (" + (content ? "content" : "paths") + "): " + rows.stream().filter(r -> r.getAs("error") != null)
                    .map(r -> (String) r.getAs("error")).toList());
        }
    }

    @Test
    void scoreArchiveWritesParquetThatReadsBackAsScored(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("a"));
        List<Path> files = wavs().subList(0, 6);
        for (int i = 0; i < files.size(); i++) {
            Files.copy(files.get(i), (i % 2 == 0 ? in : in.resolve("a")).resolve(files.get(i).getFileName()));   // nested folders too
        }
        Path out = tmp.resolve("scores.parquet");
        long written = ScoreArchive.run(spark, ScoreArchive.parse(new String[] {"--input", in.toString(), "--output", out.toString(),
                "--batch", "4"}));
        assertEquals(6, written);
        Dataset<Row> back = spark.read().parquet(out.toString());
        assertEquals(EmotionScoring.outputSchema().fieldNames().length, back.schema().fieldNames().length);
        assertEquals(List.of(EmotionScoring.outputSchema().fieldNames()), List.of(back.schema().fieldNames()));
        try (SpeechDetector d = EmotionDetector.speech().load()) {
            for (Row r : back.collectAsList()) {
                String path = r.getAs("path");
                Prediction p = d.predict(PartitionScorer.localPath(path));
                assertEquals(p.emotion().label(), r.getAs("emotion"), path);
                for (Emotion e : Emotion.values()) {
                    assertEquals(p.probability(e), (double) r.getAs(ScoredRows.probabilityColumn(e)), 0.0, path + " " + e);
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoreArchive.parse(new String[] {"--input", "x"}));
        assertTrue(e.getMessage().contains("--output"), e.getMessage());
    }

    /** docs/spark.md's example, run: every WAV of a folder scored into Parquet. */
    @Test
    void theDocsExampleScoresAFolderIntoParquet(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("calls"));
        for (Path f : wavs().subList(0, 4)) {
            Files.copy(f, in.resolve(f.getFileName()));
        }
        org.affect4j.spark.readme.SparkQuickstart.score(spark, in.toString(), tmp.resolve("out").toString());
        List<Row> back = spark.read().parquet(tmp.resolve("out").toString()).collectAsList();
        assertEquals(4, back.size());
        assertTrue(back.stream().allMatch(r -> r.getAs("error") == null && r.getAs("emotion") != null), back.toString());
    }

    @Test
    void multimodalRowsArePerFaceAndEqualTheLibrarysFusedPrediction() {
        Path video = SharedData.require("data/faces/video/bbaf2n.mpg");
        List<Row> rows = EmotionScoring.multimodal().transform(paths(List.of(video))).collectAsList();
        try (MultimodalDetector d = EmotionDetector.multimodal().load()) {
            MultimodalResult r = d.predict(Clip.of(video));
            assertEquals(r.faces().size(), rows.size(), rows.toString());
            for (FusedFace f : r.faces()) {
                Row row = rows.stream().filter(x -> ("face " + f.video().trackId()).equals(x.getAs("part"))).findFirst().orElseThrow();
                assertEquals("speech+video", row.getAs("modalities"));
                for (Emotion e : Emotion.values()) {
                    assertEquals(f.fused().probability(e), (double) row.getAs(ScoredRows.probabilityColumn(e)), 0.0, e.toString());
                }
            }
        }
    }

    @Test
    void timelineRowsPerWindowAndOneDetectorPerExecutorJvm() {
        Path wav = wavs().get(1);
        EmotionScoring timeline = EmotionScoring.speech().timeline(1.5, 1.5);
        List<Row> rows = timeline.transform(paths(List.of(wav))).collectAsList();
        assertTrue(rows.size() >= 2, rows.toString());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(1.5 * i, (double) rows.get(i).getAs("window_start"), 1e-9, rows.toString());
        }
        int loaded = ExecutorDetectors.loaded();
        timeline.transform(paths(wavs())).count();
        EmotionScoring.speech().transform(paths(wavs())).count();
        assertEquals(loaded, ExecutorDetectors.loaded(), "the same configurations reuse the executor's detectors");
    }

    @Test
    void inputWithoutAPathColumnIsRefused() {
        Dataset<Row> wrong = spark.createDataset(List.of("x.wav"), Encoders.STRING()).toDF("file");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmotionScoring.speech().transform(wrong));
        assertTrue(e.getMessage().contains("'path'") && e.getMessage().contains("[file]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> EmotionScoring.multimodal().bundled("seed-recipe"));
        assertThrows(IllegalArgumentException.class, () -> EmotionScoring.speech().batchSize(0));
    }
}
