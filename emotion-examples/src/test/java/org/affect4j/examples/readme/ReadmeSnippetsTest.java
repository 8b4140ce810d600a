package org.affect4j.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.MultimodalResult;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs and code cannot drift: every {@code java} block of the README and of {@code docs/*.md} is the README-BEGIN/END
 * region of one file in this package (relative indentation kept), every region is in one of them, and the quickstarts
 * run on shared data and print what the library predicts for the same input.
 */
class ReadmeSnippetsTest {

    static final Path README = Path.of("..", "README.md");
    static final Path DOCS = Path.of("..", "docs");
    static final Path SOURCES = Path.of("src", "main", "java", "org", "affect4j", "examples", "readme");
    /** docs/spark.md's example lives with the Spark module (this module does not depend on Spark). */
    static final Path SPARK_SOURCES = Path.of("..", "emotion-spark", "src", "test", "java", "org", "affect4j", "spark", "readme");

    /** The {@code java} blocks of the README, then of each page under {@code docs/} (by file name). */
    static List<String> readmeBlocks() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            pages.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        List<String> blocks = new ArrayList<>();
        for (Path page : pages) {
            StringBuilder cur = null;
            for (String line : Files.readAllLines(page)) {
                if (cur == null && line.equals("```java")) {
                    cur = new StringBuilder();
                } else if (cur != null && line.equals("```")) {
                    blocks.add(cur.toString());
                    cur = null;
                } else if (cur != null) {
                    cur.append(line).append('\n');
                }
            }
            assertTrue(cur == null, page + ": a ```java block is not closed");
        }
        return blocks;
    }

    /** The README-BEGIN..README-END region of each file, with the region's common indentation removed. */
    static Map<Path, String> regions() throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        List<Path> sources = new ArrayList<>();
        for (Path dir : List.of(SOURCES, SPARK_SOURCES)) {
            try (Stream<Path> files = Files.list(dir)) {
                sources.addAll(files.filter(p -> p.toString().endsWith(".java")).sorted().toList());
            }
        }
        for (Path f : sources) {
            List<String> lines = Files.readAllLines(f);
            int a = -1;
            int b = -1;
            for (int i = 0; i < lines.size(); i++) {
                a = a < 0 && lines.get(i).strip().equals("// README-BEGIN") ? i : a;
                b = b < 0 && lines.get(i).strip().equals("// README-END") ? i : b;
            }
            if (a < 0 && b < 0) {
                continue;
            }
            assertTrue(a >= 0 && b > a, f + ": one README-BEGIN before one README-END");
            List<String> body = lines.subList(a + 1, b);
            int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
            StringBuilder s = new StringBuilder();
            for (String l : body) {
                s.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
            }
            out.put(f, s.toString());
        }
        return out;
    }

    @Test
    void everyReadmeJavaBlockIsTheRegionOfACompilingExample() throws IOException {
        List<String> blocks = readmeBlocks();
        Map<Path, String> regions = regions();
        assertFalse(blocks.isEmpty(), "no java blocks in the README or docs/");
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            assertTrue(regions.containsValue(block), "java block " + (i + 1) + " of the README and docs/ is not the README region of any file in " + SOURCES
                    + " (edit the file and copy its region into the README):\n" + block);
        }
        for (Map.Entry<Path, String> r : regions.entrySet()) {
            assertTrue(blocks.contains(r.getValue()), r.getKey() + "'s README region is in neither the README nor docs/");
        }
    }

    static String captureOut(ThrowingRunnable r) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void speechQuickstartPrintsTheBundledModelsPrediction() throws Exception {
        List<Path> actor2 = RavdessFiles.list(SharedData.require("data/ravdess-speech/Actor_02"), ".wav");
        Path wav = actor2.get(40);
        float[] pcm = new float[16_000 * 3];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 16_000.0));
        }
        List<Clip> alice = actor2.subList(0, 20).stream().map(Clip::of).toList();
        String printed = captureOut(() -> SpeechQuickstart.run(wav, pcm, actor2.get(1), actor2.get(2), alice, actor2.get(30)));
        Prediction p;
        try (SpeechDetector d = EmotionDetector.speech().load()) {
            p = d.predict(Clip.of(wav));
        }
        assertEquals(p.emotion() + " " + p.confidence(), printed.strip());
    }

    @Test
    void actionUnitQuickstartPrintsTheFusedPrediction() throws Exception {
        Path wav = SharedData.require("data/ravdess-speech/Actor_01/03-01-01-01-01-01-01.wav");
        Path csv = SharedData.require("data/faces/landmarks/01-01-01-01-01-01-01.csv");
        String printed = captureOut(() -> ActionUnitQuickstart.run(wav, csv));
        MultimodalResult r;
        try (MultimodalDetector d = EmotionDetector.multimodal().actionUnits().load()) {
            r = d.predict(Clip.of(wav), csv);
        }
        Prediction fused = r.faces().get(0).fused();
        assertEquals(fused.emotion() + " " + fused.confidence() + " (action units alone: " + r.faces().get(0).video().prediction().emotion() + ")",
                printed.strip());
    }

    @Test
    void multimodalQuickstartPrintsOneLinePerFaceAndWritesTheTimeline(@TempDir Path tmp) throws Exception {
        Path video = Files.copy(SharedData.require("data/faces/video/bbaf2n.mpg"), tmp.resolve("interview.mpg"));
        String printed = captureOut(() -> MultimodalQuickstart.run(video, video));
        MultimodalResult r;
        try (MultimodalDetector d = EmotionDetector.multimodal().load()) {
            r = d.predict(Clip.of(video));
        }
        List<String> expected = r.faces().stream().map(f -> f.video().box().orElseThrow() + " " + f.fused().emotion() + " " + f.fused().confidence()).toList();
        assertEquals(expected, printed.lines().toList());
        List<String> timeline = Files.readAllLines(tmp.resolve("timeline.csv"));
        assertTrue(timeline.size() >= 2 && timeline.get(0).startsWith("clip,start,end"), String.join("\n", timeline));
        System.out.printf(Locale.ROOT, "multimodal quickstart: %d face(s), timeline %d rows%n", expected.size(), timeline.size() - 1);
    }
}
