package org.affect4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Affect4jCliTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Affect4jCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] model() {
        return new String[] {"--checkpoint", SharedData.require("reference/speech/cnn_transf_parallel_model.pt").toString(),
                "--scaler", SharedData.require("reference/speech/speech_data_scaler.pkl").toString()};
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void predictPrintsEightProbabilities() {
        Path wav = SharedData.require("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav");
        Result r = run(concat(new String[] {"predict", wav.toString()}, model()));
        assertEquals(0, r.code(), r.err());
        long lines = r.out().lines().filter(l -> l.matches("\\s+[a-z]+\\s+\\d\\.\\d{4}.*")).count();
        assertEquals(8, lines, r.out());
        assertTrue(r.out().contains("prediction: angry"), r.out());

        Result bundled = run("predict", wav.toString());
        assertEquals(0, bundled.code(), bundled.err());
        assertEquals(8, bundled.out().lines().filter(l -> l.matches("\\s+[a-z]+\\s+\\d\\.\\d{4}.*")).count(), bundled.out());
        assertTrue(bundled.out().contains("prediction: "), bundled.out());
        // the output names the model and the window it scored
        assertTrue(r.out().contains("model: the seed's checkpoint ") && r.out().contains("; window 0.5-3.5 s"), r.out());
        assertTrue(bundled.out().contains("model: bundled utterance; window 0.0-6.0 s"), bundled.out());
        Result seedRecipe = run("predict", wav.toString(), "--bundled", "seed-recipe");
        assertTrue(seedRecipe.out().contains("model: bundled seed-recipe; window 0.5-3.5 s"), seedRecipe.out());
    }

    @Test
    void predictSaysWhenOnlyPartOfALongFileWasScored(@TempDir Path tmp) throws Exception {
        List<Path> parts = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parts.add(SharedData.require("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav"));
        }
        Path wav = org.affect4j.testing.TestMedia.concatWavs(parts, tmp.resolve("long.wav"));
        // the default (utterance) model places its 6 s window on the speech and says it scored only part of the file
        Result u = run("predict", wav.toString());
        assertEquals(0, u.code(), u.err());
        assertTrue(u.out().contains("(the most speech-active 6 s)") && u.out().contains("predict scored only 6.0 s of it."), u.out());
        // the seed's network: its fixed 3 s window from 0.5 s
        Result r = run("predict", wav.toString(), "--bundled", "seed-recipe");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("scored 0.50-3.50 s of "), r.out());
        assertTrue(r.out().contains("predict scored only 3.0 s of it. Use 'timeline' for the whole file."), r.out());
        // the most speech-active 3 s: the first clip's speech (its silent lead-in skipped), still a part of the file
        Result active = run("predict", wav.toString(), "--window-placement", "speech-active", "--bundled", "seed-recipe");
        assertEquals(0, active.code(), active.err());
        assertTrue(active.out().contains("(the most speech-active 3 s)"), active.out());
        assertTrue(active.out().contains("predict scored only 3.0 s of it."), active.out());
        Result bad = run("predict", wav.toString(), "--window-placement", "middle");
        assertEquals(2, bad.code(), bad.err());
    }

    /**
     * A 16 kHz WAV through the seed-recipe model (the seed's 0-24 kHz front end) gets a note pointing to the default
     * model; the default (utterance) and robust models (telephone band) score it without the note.
     */
    @Test
    void predictOnBandLimitedAudioPointsToTheDefaultModel(@TempDir Path tmp) throws Exception {
        Path wav = tmp.resolve("mic-16k.wav");
        org.affect4j.audio.io.WavEncoder.write(org.affect4j.audio.io.Degradations.resample(org.affect4j.audio.io.WavDecoder.decode(
                SharedData.require("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav")), 16_000), wav);
        Result seed = run("predict", wav.toString(), "--bundled", "seed-recipe");
        assertEquals(0, seed.code(), seed.err());
        assertTrue(seed.out().contains("note: the file is 16000 Hz audio;") && seed.out().contains("the default model (no --bundled) is made for it"),
                seed.out());
        Result byDefault = run("predict", wav.toString());
        assertEquals(0, byDefault.code(), byDefault.err());
        assertTrue(byDefault.out().contains("prediction: ") && !byDefault.out().contains("Hz audio;"), byDefault.out());
        Result robust = run("predict", wav.toString(), "--bundled", "robust");
        assertEquals(0, robust.code(), robust.err());
        assertTrue(robust.out().contains("prediction: ") && !robust.out().contains("Hz audio;"), robust.out());
    }

    @Test
    void evalReportsAccuracyPerClassPerActorAndConfusion(@TempDir Path tmp) throws Exception {
        copyOneClipPerEmotionOfActor2(tmp);
        Path csv = tmp.resolve("logits.csv");
        Path reports = tmp.resolve("reports");
        Result r = run(concat(new String[] {"eval", "--data", tmp.toString(), "--actors", "2-3", "--out", csv.toString(), "--batch", "3",
            "--report-dir", reports.toString()}, model()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s)accuracy \\d/8 = .*"), r.out());
        assertTrue(r.out().contains("actor 02:") && r.out().contains("confusion matrix") && r.out().contains("precision"), r.out());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(9, rows.size());
        assertTrue(rows.get(0).startsWith("file,actor,label,pred,logit_surprised"), rows.get(0));
        assertTrue(Files.readString(reports.resolve("report.json")).contains("\"total\":8"));
        assertTrue(javax.imageio.ImageIO.read(reports.resolve("confusion.png").toFile()).getWidth() > 500);
        assertFails(1, "no RAVDESS WAV files of actors [1, 3] under " + tmp, concat(new String[] {"eval", "--data", tmp.toString(), "--actors", "1,3"}, model()));
    }

    /** {@code --format json|csv}: records only on stdout (notes on stderr), the same prediction as the text output. */
    @Test
    void predictAndEvalWriteJsonAndCsvForPrograms(@TempDir Path tmp) throws Exception {
        Path wav = SharedData.require("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav");
        Path wav2 = SharedData.require("data/ravdess-speech/Actor_02/03-01-03-01-01-01-02.wav");
        Result text = run("predict", wav.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("prediction: ([a-z]+) \\((\\d\\.\\d{3})\\)").matcher(text.out());
        assertTrue(m.find(), text.out());
        Result json = run("predict", wav.toString(), "--format", "json");
        assertEquals(0, json.code(), json.err());
        List<String> lines = json.out().lines().toList();
        assertEquals(1, lines.size(), "one JSON object per file, nothing else on stdout: " + json.out());
        Map<?, ?> o = (Map<?, ?>) org.affect4j.core.checkpoint.Json.parse(lines.get(0));
        assertEquals(wav.toString(), o.get("file"));
        assertEquals("speech", o.get("part"));
        assertEquals(m.group(1), o.get("emotion"));
        assertEquals(Double.parseDouble(m.group(2)), ((Number) o.get("confidence")).doubleValue(), 0.0005);
        Map<?, ?> probabilities = (Map<?, ?>) o.get("probabilities");
        assertEquals(8, probabilities.size());
        assertEquals(1.0, probabilities.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum(), 1e-4);
        assertEquals(((Number) o.get("confidence")).doubleValue(), ((Number) probabilities.get(m.group(1))).doubleValue(), 1e-9);
        assertTrue(json.err().contains("model: bundled utterance"), "notes go to stderr: " + json.err());

        Result csv = run("predict", wav.toString(), wav2.toString(), "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        List<String> rows = csv.out().lines().toList();
        assertEquals(3, rows.size(), csv.out());
        assertEquals("file,part,start_s,end_s,emotion,confidence,p_neutral,p_calm,p_happy,p_sad,p_angry,p_fearful,p_disgust,p_surprised,"
                + "modalities", rows.get(0));
        assertTrue(rows.get(1).startsWith(wav + ",speech,") && rows.get(1).contains("," + m.group(1) + ",") && rows.get(1).endsWith(",speech"),
                rows.get(1));
        assertEquals(15, rows.get(2).split(",", -1).length, rows.get(2));

        copyOneClipPerEmotionOfActor2(tmp);
        Result report = run("eval", "--data", tmp.toString(), "--format", "json");
        assertEquals(0, report.code(), report.err());
        Map<?, ?> r = (Map<?, ?>) org.affect4j.core.checkpoint.Json.parse(report.out().strip());
        assertEquals(8, ((Number) r.get("total")).intValue(), report.out());
        Result perFile = run("eval", "--data", tmp.toString(), "--format", "csv");
        assertEquals(0, perFile.code(), perFile.err());
        List<String> evalRows = perFile.out().lines().toList();
        assertEquals(9, evalRows.size(), perFile.out());
        assertTrue(evalRows.get(0).startsWith("file,actor,label,prediction,correct,confidence,p_neutral"), evalRows.get(0));
        long correct = evalRows.stream().skip(1).filter(l -> {
            String[] f = l.split(",");
            assertEquals(String.valueOf(f[2].equals(f[3])), f[4], l);
            return f[4].equals("true");
        }).count();
        assertEquals(((Number) r.get("correct")).longValue(), correct, "the CSV's rows agree with the JSON report");
    }

    /**
     * Emo-DB labels come from Emo-DB names: the same six RAVDESS clips named as RAVDESS and as Emo-DB files give the
     * same predictions and the same accuracy; a boredom file is left out; RAVDESS-only options are refused.
     */
    @Test
    void evalScoresEmoDbNamedFilesByTheirGermanEmotionLetters(@TempDir Path tmp) throws Exception {
        Path ravdess = Files.createDirectories(tmp.resolve("ravdess/Actor_02"));
        Path emodb = Files.createDirectories(tmp.resolve("emodb/wav"));
        // RAVDESS emotion code -> Emo-DB letter: neutral N, happy F(reude), sad T(rauer), angry W (Ärger), fearful A(ngst), disgust E(kel)
        Map<Integer, Character> letters = Map.of(1, 'N', 3, 'F', 4, 'T', 5, 'W', 6, 'A', 7, 'E');
        for (var e : letters.entrySet()) {
            String name = String.format("03-01-%02d-%02d-01-01-02.wav", e.getKey(), e.getKey() == 1 ? 1 : 2);
            Path src = SharedData.require("data/ravdess-speech/Actor_02/" + name);
            Files.copy(src, ravdess.resolve(name));
            Files.copy(src, emodb.resolve("03a01" + e.getValue() + "a.wav"));
        }
        Files.copy(SharedData.require("data/ravdess-speech/Actor_02/03-01-02-02-01-01-02.wav"), emodb.resolve("03a02La.wav"));
        Path ravCsv = tmp.resolve("ravdess.csv");
        Path emoCsv = tmp.resolve("emodb.csv");
        Result rav = run("eval", "--data", tmp.resolve("ravdess").toString(), "--out", ravCsv.toString());
        Result emo = run("eval", "--data", tmp.resolve("emodb").toString(), "--corpus", "emodb", "--out", emoCsv.toString());
        assertEquals(0, emo.code(), emo.err());
        assertTrue(emo.out().matches("(?s)accuracy \\d/6 = .*"), emo.out());
        assertEquals(rav.out().lines().findFirst(), emo.out().lines().findFirst());
        assertTrue(emo.out().contains("actor 03:"), emo.out()); // Emo-DB speaker 03
        // rows sort by file name: RAVDESS by emotion code, Emo-DB by letter (A E F N T W = fearful disgust happy neutral sad angry)
        List<String> order = List.of("fearful", "disgust", "happy", "neutral", "sad", "angry");
        assertEquals(order, column(emoCsv, 2));
        Map<String, String> ravPred = new java.util.HashMap<>();
        List<String> ravLabels = column(ravCsv, 2);
        List<String> ravPreds = column(ravCsv, 3);
        for (int i = 0; i < ravLabels.size(); i++) {
            ravPred.put(ravLabels.get(i), ravPreds.get(i));
        }
        assertEquals(order.stream().map(ravPred::get).toList(), column(emoCsv, 3));
        assertFails(2, "--calibrate and --stamp-test work on RAVDESS actors", "eval", "--data", tmp.resolve("emodb").toString(),
                "--corpus", "emodb", "--calibrate", "per-actor");
        assertFails(2, "eval --corpus takes ravdess or emodb, got 'tess'", "eval", "--data", tmp.toString(), "--corpus", "tess");
        assertFails(1, "no Emo-DB WAV files of speakers [8] under", "eval", "--data", tmp.resolve("emodb").toString(),
                "--corpus", "emodb", "--actors", "8");
    }

    @Test
    void ensembleAveragesTheProbabilitiesOfModelsEvaluatedOnTheSameFiles(@TempDir Path tmp) throws Exception {
        copyOneClipPerEmotionOfActor2(tmp);
        Path seed = tmp.resolve("seed.csv");
        Path bundled = tmp.resolve("bundled.csv");
        assertEquals(0, run(concat(new String[] {"eval", "--data", tmp.toString(), "--out", seed.toString()}, model())).code());
        assertEquals(0, run("eval", "--data", tmp.toString(), "--out", bundled.toString()).code());

        // a model combined with itself is that model: same predictions, same accuracy
        Path self = tmp.resolve("self.csv");
        Result alone = run("eval", "--data", tmp.toString());
        Result twice = run("ensemble", bundled.toString(), bundled.toString(), "--out", self.toString());
        assertEquals(0, twice.code(), twice.err());
        assertEquals(alone.out().lines().findFirst(), twice.out().lines().findFirst());
        assertEquals(column(bundled, 3), column(self, 3));

        // two models: each file's probabilities are the mean of the two models' softmax, whatever their column order
        Path ens = tmp.resolve("ens.csv");
        Path reports = tmp.resolve("reports");
        Result r = run("ensemble", seed.toString(), permuted(bundled, tmp.resolve("permuted.csv")).toString(), "--out", ens.toString(),
                "--report-dir", reports.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s)accuracy \\d/8 = .*actor 02:.*confusion matrix.*"), r.out());
        assertTrue(Files.readString(reports.resolve("report.json")).contains("\"total\":8"));
        List<String> a = Files.readAllLines(seed);
        List<String> b = Files.readAllLines(bundled);
        List<String> c = Files.readAllLines(ens);
        assertEquals(a.get(0), c.get(0), "the ensemble keeps the first CSV's column order");
        double worst = 0;
        for (int i = 1; i < a.size(); i++) {
            double[] pa = softmax(a.get(i));
            double[] pb = softmax(b.get(i));
            String[] cells = c.get(i).split(",");
            assertEquals(a.get(i).split(",")[0], cells[0]);
            int best = 0;
            for (int k = 0; k < 8; k++) {
                double mean = (pa[k] + pb[k]) / 2;
                worst = Math.max(worst, Math.abs(Math.exp(Double.parseDouble(cells[4 + k])) - mean));
                best = mean > (pa[best] + pb[best]) / 2 ? k : best;
            }
            assertEquals(a.get(0).split(",")[4 + best], "logit_" + cells[3], c.get(i));
        }
        System.out.printf("ensemble: largest |exp(log p) - mean softmax| = %.2e%n", worst);
        assertTrue(worst < 1e-5, "ensemble probabilities off by " + worst);

        // inputs that do not describe the same files are refused, naming the file
        Path shorter = tmp.resolve("shorter.csv");
        Files.write(shorter, a.subList(0, a.size() - 1));
        assertFails(1, shorter + " has 7 files, " + seed + " 8", "ensemble", seed.toString(), shorter.toString());
        Path notCsv = tmp.resolve("report.txt");
        Files.writeString(notCsv, alone.out());
        assertFails(1, notCsv + ": line 1 is not the header of a logits CSV", "ensemble", seed.toString(), notCsv.toString());
        Path broken = tmp.resolve("broken.csv");
        Files.write(broken, List.of(a.get(0), a.get(1).replaceFirst(",[^,]*$", ",NaN")));
        assertFails(1, broken + ": line 2: logit 'NaN' is not a finite number", "ensemble", broken.toString(), seed.toString());
        Path sevenEmotions = tmp.resolve("seven.csv");
        Files.write(sevenEmotions, a.stream().map(l -> l.replaceFirst(",[^,]*$", "")).toList());
        assertFails(1, sevenEmotions + ": line 1 has logits for 7 emotions, expected all 8", "ensemble", seed.toString(), sevenEmotions.toString());
        assertFails(2, "ensemble needs at least two logits CSVs", "ensemble", seed.toString());
    }

    /** 8 clips of actor 02 into {@code data}/Actor_02, one per emotion (strong intensity except neutral). */
    private static void copyOneClipPerEmotionOfActor2(Path data) throws Exception {
        Path dir = Files.createDirectories(data.resolve("Actor_02"));
        for (int e = 1; e <= 8; e++) {
            String name = String.format("03-01-%02d-%02d-01-01-02.wav", e, e == 1 ? 1 : 2);
            Files.copy(SharedData.require("data/ravdess-speech/Actor_02/" + name), dir.resolve(name));
        }
    }

    /** The {@code k}-th column of a CSV's rows (header excluded). */
    private static List<String> column(Path csv, int k) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[k]).toList();
    }

    /** A copy of a logits CSV with its logit columns in reverse order. */
    private static Path permuted(Path csv, Path to) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] c = line.split(",");
            StringBuilder b = new StringBuilder(String.join(",", java.util.Arrays.copyOf(c, 4)));
            for (int k = c.length - 1; k >= 4; k--) {
                b.append(',').append(c[k]);
            }
            out.add(b.toString());
        }
        return Files.write(to, out);
    }

    private static double[] softmax(String row) {
        String[] c = row.split(",");
        double[] p = new double[c.length - 4];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(Double.parseDouble(c[4 + k]));
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    @Test
    void timelineOfAVideoWritesJsonLinesAndOfAWavWritesCsv(@TempDir Path tmp) throws Exception {
        Path jsonl = tmp.resolve("t.jsonl");
        Result r = run("timeline", SharedData.require("data/faces/video/brbk7n.mpg").toString(), "--out", jsonl.toString(),
                "--checkpoint", SharedData.require("reference/vision/multimodal_random.pkl").toString(),
                "--scaler", SharedData.require("reference/speech/speech_data_scaler.pkl").toString(),
                "--face-detector", SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml").toString(),
                "--emonet-stride", "30");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ETA"), "progress bar on stderr: " + r.err());
        List<String> rows = Files.readAllLines(jsonl);
        assertEquals(1, rows.size(), "one 3 s window");
        assertTrue(rows.get(0).startsWith("{\"clip\":0,") && rows.get(0).contains("\"modalities\":\"speech+video\"") && rows.get(0).endsWith("}"), rows.get(0));
        Path csv = tmp.resolve("t.csv");
        r = run(concat(new String[] {"timeline", SharedData.require("data/ravdess-speech/Actor_04/03-01-05-02-01-01-04.wav").toString(),
                "--out", csv.toString()}, model()));
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.size() >= 2 && lines.get(1).startsWith("0,0.0000,3.0000,-1,,,,,"), lines.toString());
        assertTrue(r.out().contains("model: the seed's checkpoint") && r.out().contains("windows of 3.0 s every 3.0 s from 0 s"), r.out());
        long padded = lines.stream().skip(1).filter(l -> l.matches(".*,true,(\"[^\"]*\"|[^,]*)$")).count();
        if (padded > 0) {
            assertTrue(r.out().contains(padded + " mostly padding"), r.out());
        }
    }

    @Test
    void predictOnAVideoPrintsTheFusedPredictionPerFace() {
        Result r = run("predict", SharedData.require("data/faces/video/lwbsza.mpg").toString(),
                "--checkpoint", SharedData.require("reference/vision/multimodal_random.pkl").toString(),
                "--scaler", SharedData.require("reference/speech/speech_data_scaler.pkl").toString(),
                "--face-detector", SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml").toString(),
                "--emonet-stride", "30");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("face 0 at") && r.out().contains("fused ([SPEECH, VIDEO])"), r.out());
        assertFails(2, "--scaler applies to the seed's multimodal model", "predict", "x.mp4", "--scaler", "b");
        assertFails(2, "--face-model applies to the bundled models", "predict", "x.mp4", "--checkpoint", "a", "--scaler", "b",
                "--face-model", "human-emotion");
        assertFails(2, "--face-model must be face-api-expression or affect4j-fer2013 or human-emotion", "predict", "x.mp4", "--face-model", "emonet");
        assertFails(2, "--fusion-weights takes FACE,SPEECH", "predict", "x.mp4", "--fusion-weights", "1");
    }

    @Test
    void predictOnAVideoWithNoModelOptionsUsesTheBundledModels() {
        Result r = run("predict", SharedData.require("data/faces/video/bbaf2n.mpg").toString());
        assertEquals(0, r.code(), r.err());
        System.out.println(r.out());
        assertTrue(r.out().contains("models: speech bundled default, face face-api-expression (aligned crops, bundled TinyFaceDetector), late fusion"),
                r.out());
        assertTrue(r.out().contains("face 0 at") && r.out().contains("frames; face model: ") && r.out().contains("fused ([SPEECH, VIDEO])"), r.out());
        assertTrue(r.out().contains("calm       0.0000"), "no face class for calm: " + r.out());
    }

    @Test
    void timelineOfAVideoWithNoModelOptionsUsesTheBundledModels(@TempDir Path tmp) throws Exception {
        Path jsonl = tmp.resolve("t.jsonl");
        Result r = run("timeline", SharedData.require("data/faces/video/brbk7n.mpg").toString(), "--out", jsonl.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(jsonl);
        assertEquals(1, rows.size(), "one 3 s window");
        assertTrue(rows.get(0).contains("\"modalities\":\"speech+video\""), rows.get(0));
    }

    /**
     * Finished folds are not trained again: with two test reports in place, cv only summarises them (mean ± sample
     * sd, pooled confusion) and refuses a rerun with another recipe in the same work directory.
     */
    @Test
    void cvSummarisesFinishedFoldsAndKeepsItsRecipe(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("cv");
        Files.createDirectories(work.resolve("fold-0"));
        Files.createDirectories(work.resolve("fold-1"));
        Files.copy(Path.of("..", "docs", "results", "speech-v1", "test-report-actors-01-04.json"), work.resolve("fold-0/test-report.json"));
        org.affect4j.core.eval.EvaluationReport.Builder b = new org.affect4j.core.eval.EvaluationReport.Builder();
        for (int i = 0; i < 240; i++) { // 150 of 240 right: accuracy 0.625
            org.affect4j.core.Emotion t = org.affect4j.core.Emotion.values()[i % 8];
            b.add(t, i < 150 ? t : org.affect4j.core.Emotion.values()[(i + 1) % 8], 5 + i % 4, 1 + i % 2);
        }
        Files.writeString(work.resolve("fold-1/test-report.json"), b.build().toJson());
        String data = SharedData.require("data/ravdess-speech").toString();
        Result r = run("cv", "--data", data, "--work", work.toString(), "--folds", "0-1", "--lr", "3e-4");
        assertEquals(0, r.code(), r.err());
        // fold 0: the bundled model's 120/240 = 0.5; fold 1: 0.625; mean 0.5625, sample sd 0.125 / sqrt 2 = 0.0884
        assertTrue(r.out().contains("2 fold(s) [0, 1]: mean accuracy 0.563 ± 0.088"), r.out());
        String json = Files.readString(work.resolve("cv-report.json"));
        assertTrue(json.contains("\"accuracy\":{\"mean\":0.562500,\"sd\":0.088388,\"n\":2}"), json);
        assertTrue(json.contains("\"correct\":270,\"total\":480"), json);
        assertTrue(Files.size(work.resolve("cv-confusion.png")) > 1000);
        assertFails(1, "another recipe (augmentation 'AWGN x2, SNR 15-30 dB' there, "
                + "'AWGN x2, SNR 15-30 dB; mixup alpha 0.2' now, learningRate '3.0E-4' there, '0.001' now)", "cv", "--data", data, "--work", work.toString(), "--folds", "0-1", "--lr", "1e-3", "--mixup", "0.2");
        assertFails(1, "another recipe (speakerNormalisation 'null' there, 'per actor and mel band", "cv", "--data", data, "--work",
                work.toString(), "--folds", "0-1", "--lr", "3e-4", "--speaker-norm", "band-mean");
        Path normalised = tmp.resolve("cv-normalised");
        Files.createDirectories(normalised);
        Files.writeString(normalised.resolve("cv-run.json"), Files.readString(work.resolve("cv-run.json"))
                .replace("}", ", \"speakerNormalisation\" : \"" + org.affect4j.audio.train.SpeechTraining.SPEAKER_NORMALISATION + "\"}"));
        assertFails(1, "speakerNormalisation 'per actor and mel band", "cv", "--data", data, "--work", normalised.toString(),
                "--folds", "0-1", "--lr", "3e-4");
    }

    @Test
    void speakerCalibrationOnEvalAndPredict(@TempDir Path tmp) throws Exception {
        // actor 02, every emotion, statement 1, both repetitions (calibration takes the other repetition)
        Path dir = Files.createDirectories(tmp.resolve("Actor_02"));
        List<Path> files = new java.util.ArrayList<>();
        for (int e = 1; e <= 8; e++) {
            for (int rep = 1; rep <= 2; rep++) {
                String name = String.format("03-01-%02d-01-01-%02d-02.wav", e, rep);
                files.add(Files.copy(SharedData.require("data/ravdess-speech/Actor_02/" + name), dir.resolve(name)));
            }
        }
        files.sort(null);
        long expected;
        try (org.affect4j.audio.SpeechDetector d = org.affect4j.EmotionDetector.speech().load(org.affect4j.audio.BundledSpeechModel.SEED_RECIPE)) {
            expected = org.affect4j.audio.train.SpeechEvaluation.runCalibratedPerActor(d, files, 32, null).report().correct();
        }
        // speaker calibration shifts log-mel bands: the default utterance model refuses it as a usage error
        assertFails(2, "--calibrate applies to the log-mel models", "eval", "--data", tmp.toString(), "--calibrate", "per-actor");
        Result r = run("eval", "--data", tmp.toString(), "--calibrate", "per-actor", "--bundled", "seed-recipe");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("accuracy " + expected + "/16 = "), r.out());

        long expectedFrom3;
        try (org.affect4j.audio.SpeechDetector d = org.affect4j.EmotionDetector.speech().load(org.affect4j.audio.BundledSpeechModel.SEED_RECIPE)) {
            expectedFrom3 = org.affect4j.audio.train.SpeechEvaluation.runCalibratedPerActor(d, files, 32, null, 3, 5).report().correct();
        }
        Result r3 = run("eval", "--data", tmp.toString(), "--calibrate", "per-actor", "--calibration-clips", "3", "--seed", "5",
                "--bundled", "seed-recipe");
        assertEquals(0, r3.code(), r3.err());
        assertTrue(r3.out().startsWith("accuracy " + expectedFrom3 + "/16 = "), r3.out());
        assertTrue(r3.err().contains("from at most 3 clips of the other repetition, drawn with seed 5"), r3.err());
        assertFails(2, "need --calibrate per-actor", "eval", "--data", tmp.toString(), "--calibration-clips", "3");
        assertFails(2, "--calibration-clips must be >= 1, got 0", "eval", "--data", tmp.toString(), "--calibrate", "per-actor",
                "--calibration-clips", "0");
        assertFails(2, "eval --calibrate takes 'per-actor', got 'all'", "eval", "--data", tmp.toString(), "--calibrate", "all");
        assertFails(2, "drop --calibrate", "eval", "--data", tmp.toString(), "--calibrate", "per-actor", "--stamp-test", tmp.resolve("s.zip").toString());

        Path speaker = Files.createDirectories(tmp.resolve("speaker"));
        for (Path f : files.subList(0, 5)) {
            Files.copy(f, speaker.resolve(f.getFileName()));
        }
        assertFails(2, "--calibrate applies to the log-mel models", "predict", files.get(9).toString(), "--calibrate", speaker.toString());
        Result p = run("predict", files.get(9).toString(), "--calibrate", speaker.toString(), "--bundled", "seed-recipe");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("speaker calibration from 5 clips in " + speaker), p.out());
        assertTrue(p.out().contains("prediction: "), p.out());
        assertFails(2, "is not a folder", "predict", files.get(9).toString(), "--calibrate", tmp.resolve("nope").toString(),
                "--bundled", "seed-recipe");
        assertFails(1, "no WAV files in", "predict", files.get(9).toString(), "--calibrate", Files.createDirectories(tmp.resolve("empty")).toString(),
                "--bundled", "seed-recipe");
        assertFails(2, "--calibrate applies to WAV files", "predict", SharedData.require("data/faces/video/lwbsza.mpg").toString(),
                "--calibrate", speaker.toString());
        String note = "note: this model was trained on speaker-normalised input";
        assertTrue(!p.err().contains(note), p.err());

        // the bundled speaker-normalised model: the CLI scores what the library does, and asks for calibration without it
        long expectedSpeakerNormalised;
        try (org.affect4j.audio.SpeechDetector d = org.affect4j.EmotionDetector.speech().load(org.affect4j.audio.BundledSpeechModel.SPEAKER_NORMALISED)) {
            expectedSpeakerNormalised = org.affect4j.audio.train.SpeechEvaluation.runCalibratedPerActor(d, files, 32, null).report().correct();
        }
        Result spk = run("eval", "--data", dir.toString(), "--bundled", "speaker-normalised", "--calibrate", "per-actor");
        assertEquals(0, spk.code(), spk.err());
        assertTrue(spk.out().startsWith("accuracy " + expectedSpeakerNormalised + "/16 = "), spk.out());
        assertTrue(!spk.err().contains(note), spk.err());
        Result spkUncalibrated = run("predict", files.get(9).toString(), "--bundled", "speaker-normalised");
        assertEquals(0, spkUncalibrated.code(), spkUncalibrated.err());
        assertTrue(spkUncalibrated.err().contains(note + "; add --calibrate <dir of the speaker's WAVs>"), spkUncalibrated.err());
        Result spkCalibrated = run("predict", files.get(9).toString(), "--bundled", "speaker-normalised", "--calibrate", speaker.toString());
        assertEquals(0, spkCalibrated.code(), spkCalibrated.err());
        assertTrue(!spkCalibrated.err().contains(note) && spkCalibrated.out().contains("prediction: "), spkCalibrated.err());
    }

    /** Runs the CLI with {@code args} and checks the exit code (2 usage, 1 input) and that stderr names the problem. */
    private static void assertFails(int code, String message, String... args) {
        Result r = run(args);
        assertEquals(code, r.code(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void exportWritesTheBundledModelAsAPyTorchStateDictAndItsScalerAsNpz(@TempDir Path tmp) throws Exception {
        Path pt = tmp.resolve("speech.pt");
        Result r = run("export", "--out", pt.toString());
        assertEquals(0, r.code(), r.err());
        var archive = org.affect4j.audio.BundledSpeechModel.SEED_RECIPE.read();   // export's default: the seed's network
        var weights = archive.stateDict("weights.");
        var exported = org.affect4j.core.checkpoint.TorchCheckpoint.loadStateDict(pt);
        int counters = 0;
        for (String k : exported.keys()) {
            if (k.endsWith("num_batches_tracked")) {
                counters++;
                continue;
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(weights.tensor(k).toFloatArray(), exported.tensor(k).toFloatArray(), 0f, k);
        }
        assertEquals(weights.size() + 4, exported.size(), "the weights plus one counter per batch norm (4 CNN blocks)");
        assertEquals(4, counters);
        Path npz = tmp.resolve("speech.scaler.npz");
        assertTrue(r.out().contains(npz.toString()), r.out());
        try (var zip = new java.util.zip.ZipFile(npz.toFile())) {
            for (String name : List.of("mean", "scale")) {
                Path npy = tmp.resolve(name + ".npy");
                Files.write(npy, zip.getInputStream(zip.getEntry(name + ".npy")).readAllBytes());
                double[] expected = archive.tensor("scaler." + name).toDoubles();
                double[] got = org.affect4j.testing.Npy.read(npy).toDoubles();
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, got, 0, name);
            }
        }
        assertFails(2, "Unmatched argument at index 1: 'x.zip'", "export", "x.zip", "--out", pt.toString());
        assertFails(2, "Missing required option: '--out=<model.pt>'", "export");
        assertFails(2, "give one of --model or --bundled", "export", "--out", pt.toString(), "--model", "m.zip", "--bundled", "seed-recipe");

        // the speaker-normalised model also carries the band means its calibration aims at
        Path spk = tmp.resolve("spk.pt");
        Result s = run("export", "--out", spk.toString(), "--bundled", "speaker-normalised");
        assertEquals(0, s.code(), s.err());
        var spkArchive = org.affect4j.audio.BundledSpeechModel.SPEAKER_NORMALISED.read();
        try (var zip = new java.util.zip.ZipFile(tmp.resolve("spk.scaler.npz").toFile())) {
            Path npy = tmp.resolve("target.npy");
            Files.write(npy, zip.getInputStream(zip.getEntry("calibration_target.npy")).readAllBytes());
            double[] target = org.affect4j.testing.Npy.read(npy).toDoubles();
            assertEquals(128, target.length);
            org.junit.jupiter.api.Assertions.assertArrayEquals(spkArchive.tensor(org.affect4j.audio.SpeechModelArchive.CALIBRATION_TARGET)
                    .toDoubles(), target, 0);
        }
        try (var zip = new java.util.zip.ZipFile(tmp.resolve("speech.scaler.npz").toFile())) {
            assertEquals(null, zip.getEntry("calibration_target.npy"), "the default model is not speaker-normalised");
        }
    }

    @Test
    void helpAskedForAnywherePrintsTheUsageAndSucceeds() {
        Map<String[], String> asked = new java.util.LinkedHashMap<>();
        asked.put(new String[] {"--help"}, "Usage: affect4j [-hV] [COMMAND]");
        asked.put(new String[] {"-h"}, "Usage: affect4j [-hV] [COMMAND]");
        asked.put(new String[] {"help"}, "Usage: affect4j [-hV] [COMMAND]");
        asked.put(new String[] {"eval", "--help"}, "Usage: affect4j eval ");
        asked.put(new String[] {"train", "--data", "x", "-h"}, "Usage: affect4j train ");
        asked.put(new String[] {"help", "timeline"}, "Usage: affect4j timeline ");
        asked.forEach((args, start) -> {
            Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith(start), String.join(" ", args) + ": " + r.out());
            assertEquals("", r.err(), String.join(" ", args));
        });
        // the top-level help lists every command; each command's help is generated from its options
        Result top = run("--help");
        for (String command : List.of("predict", "eval", "timeline", "train", "cv", "export", "ensemble", "degrade", "train-utterance",
                "cv-utterance", "train-face", "eval-face", "cv-au", "generate-completion")) {
            assertTrue(top.out().contains("\n  " + command + " "), command + " missing from:\n" + top.out());
            Result help = run(command, "--help");
            assertEquals(0, help.code(), command + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: affect4j " + command), help.out());
        }
        Result predict = run("predict", "--help");
        for (String option : List.of("--bundled=<id>", "--model=<affect4j.zip>", "--checkpoint=<model.pt>", "--window-placement=",
                "--face-model=", "--calibrate=<dir>", "--action-units=<openface.csv>", "--format=text|json|csv")) {
            assertTrue(predict.out().contains(option), option + " missing from predict's help:\n" + predict.out());
        }
        assertTrue(predict.out().replaceAll("\\s+", " ").contains("seed-recipe, speaker-normalised, robust, utterance"),
                "bundled ids listed: " + predict.out());
    }

    @Test
    void versionAndShellCompletion() {
        Result v = run("--version");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().matches("(?s)affect4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*"), v.out());
        Result c = run("generate-completion");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("complete -F") && c.out().contains("predict") && c.out().contains("--window-placement"),
                "a bash completion script naming the commands and options");
    }

    @Test
    void usageAndInputErrorsHaveDistinctExitCodes(@TempDir Path tmp) {
        assertEquals(2, run().code());
        assertEquals(2, run("dance").code());
        assertFails(2, "missing --scaler", "predict", "x.wav", "--checkpoint", "seed.pt");
        assertFails(2, "Unknown options: '--lr', '0.1'", "eval", "--data", tmp.toString(), "--lr", "0.1");
        assertFails(2, "Try 'affect4j eval --help' for its options.", "eval", "--data", tmp.toString(), "--lr", "0.1");
        assertFails(2, "Unknown options: '--epoch', '3'", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--epoch", "3");
        assertFails(2, "Possible solutions: --epochs", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--epoch", "3");
        assertFails(2, "Unknown options: '--train-actors', '1-4'", "cv", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--train-actors", "1-4");
        assertFails(2, "Missing required option: '--data=<dir>'", "eval");
        assertFails(2, "Invalid value for option '--hop': 'soon' is not a double", "timeline", "x.wav", "--out", tmp.resolve("t.csv").toString(),
                "--hop", "soon");
        assertFails(2, "Invalid value for option '--format'", "predict", "x.wav", "--format", "xml");
        assertFails(2, "--windows takes seconds separated by commas (e.g. 0.3,0.5,0.7), got '0.5,late'", "predict", "x.wav", "--windows", "0.5,late");
        assertFails(1, "window offset 0.5 s is given twice", "predict", "x.wav", "--windows", "0.5,0.5");
        assertFails(2, "drop --windows", "eval", "--data", tmp.toString(), "--windows", "0.3,0.5", "--stamp-test", tmp.resolve("s.zip").toString());
        assertFails(2, "timeline analyses one window per step", "timeline", "x.wav", "--out", tmp.resolve("t.csv").toString(), "--windows", "0.3,0.5");
        assertFails(2, "give one of --model, --bundled or --checkpoint/--scaler", "predict", "x.wav", "--model", "m.zip", "--checkpoint", "seed.pt", "--scaler", "s.pkl");
        assertFails(2, "give one of --model, --bundled or --checkpoint/--scaler", "predict", "x.wav", "--model", "m.zip", "--bundled", "seed-recipe");
        assertFails(2, "--bundled: no bundled speech model 'newest' (bundled: seed-recipe, speaker-normalised, robust, utterance)", "predict", "x.wav", "--bundled", "newest");
        assertFails(1, "absent.wav", "predict", tmp.resolve("absent.wav").toString());
        assertFails(2, "--folds: expected numbers in 0..5, got 7", "cv-utterance", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--folds", "7");
        assertFails(2, "unknown condition 'loud'", "cv-utterance", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(),
                "--conditions", "loud");
        assertFails(2, "Unknown options: '--lr', '1'", "train-utterance", "--data", tmp.toString(), "--out", "m.zip", "--lr", "1");
        assertFails(1, "has no counterpart in the seed's PyTorch code", "export", "--out", tmp.resolve("u.pt").toString(), "--bundled", "utterance");
        assertFails(2, "--spec-augment must be none, standard or F,WF,T,WT", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--spec-augment", "lots");
        assertFails(2, "must be >= 0", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--spec-augment", "1,-2,0,0");
        assertFails(2, "--noise must be fixed or fresh, got 'loud'", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--noise", "loud");
        assertFails(2, "--mixup: mixup alpha must be a finite number >= 0, got -0.2", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--mixup", "-0.2");
        assertFails(2, "--time-shift: maxShiftSeconds must be in 0..0.5", "cv", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--time-shift", "0.8");
        assertFails(2, "--speed-perturb: maxSpeedChange must be in 0..0.3", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--speed-perturb", "0.4");
        assertFails(2, "--normalise must be per-feature or per-bin, got 'global'", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--normalise", "global");
        assertFails(2, "--speaker-norm must be none or band-mean, got 'yes'", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--speaker-norm", "yes");
        assertFails(1, "actor 10 is in both", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(),
                "--train-actors", "1-10", "--val-actors", "10-12");
        assertFails(2, "1..24", "train", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--train-actors", "0-30");
        Result badFolds = run("cv", "--data", tmp.toString(), "--work", tmp.resolve("w").toString(), "--folds", "7");
        assertEquals(2, badFolds.code());
        Result bad = run(concat(new String[] {"predict", tmp.resolve("nope.wav").toString()}, model()));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("nope.wav") && bad.err().contains("not found"), bad.err());
        assertFails(1, "no RAVDESS WAV files", concat(new String[] {"eval", "--data", tmp.toString()}, model()));
    }

    @Test
    void hugePageHintNamesWhatIsMissingAndOnlyWhereTheKernelOffersThem() {
        String madvise = "always [madvise] never\n";
        assertEquals("GLIBC_TUNABLES=glibc.malloc.hugetlb=1 and -XX:+UseTransparentHugePages",
                HugePages.missingSettings(madvise, null, false));
        assertEquals("-XX:+UseTransparentHugePages", HugePages.missingSettings(madvise, "glibc.malloc.hugetlb=1", false));
        assertEquals("", HugePages.missingSettings(madvise, "glibc.malloc.check=0:glibc.malloc.hugetlb=2", true));
        assertEquals("GLIBC_TUNABLES=glibc.malloc.hugetlb=1", HugePages.missingSettings(madvise, "glibc.malloc.hugetlb=0", true));
        assertEquals("GLIBC_TUNABLES=glibc.malloc.hugetlb=1", HugePages.missingSettings(madvise, "glibc.malloc.hugetlb=10", true));
        assertEquals("", HugePages.missingSettings("always madvise [never]\n", null, false));
        assertEquals("", HugePages.missingSettings(null, null, false));
    }

    @Test
    void cvRunsFoldsInAscendingOrder() {
        // a Set.of(0..5) here once made an unattended `cv` start fold 5 before the unfinished fold 3
        assertEquals(List.of(0, 1, 2, 3, 4, 5), List.copyOf(CliSupport.folds("0-5")));   // cv's default --folds
        assertEquals(List.of(1, 3, 4, 5), List.copyOf(CliSupport.folds("5,3-4,1")));
    }

    @Test
    void predictWithActionUnitsFusesSpeechAndTheOpenFaceCsv() {
        String wav = SharedData.require("data/ravdess-speech/Actor_01/03-01-01-01-01-01-01.wav").toString();
        String csv = SharedData.require("data/faces/landmarks/01-01-01-01-01-01-01.csv").toString();
        Result r = run("predict", wav, "--action-units", csv);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("speech model speaker-normalised (uncalibrated), window 0.5-3.5 s"), r.out());
        assertTrue(r.out().contains("action units: mean of 98 tracked frames (0 untracked)"), r.out());
        assertTrue(r.out().contains("fused ([SPEECH, VIDEO]):"), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.endsWith("<==")).count(), r.out());
        assertEquals(2, run("predict", wav, wav, "--action-units", csv).code());
        assertEquals(2, run("predict", wav, "--action-units", csv, "--landmarks", csv).code());
        assertEquals(2, run("predict", wav, "--au-model", csv).code());
    }

    /**
     * {@code cv-au} on fold 0 with speech logits that carry no information (all zeros): speech alone then always says
     * the seed order's first class, surprised (32 of actors 01-04's 240 clips), and the summary table lists all four
     * methods. (The real run uses `eval --out` of each fold's speech model; docs/multimodal.md.)
     */
    @Test
    void cvAuRunsAFoldAndWritesTheTable(@TempDir Path tmp) throws Exception {
        Path logits = Files.createDirectories(tmp.resolve("logits"));
        StringBuilder csv = new StringBuilder("file,actor,label,pred,logit_surprised,logit_neutral,logit_calm,logit_happy,logit_sad,logit_angry,"
                + "logit_fearful,logit_disgust\n");
        for (int actor : new int[] {1, 2, 3, 4, 21, 22, 23, 24}) {
            for (int e = 1; e <= 8; e++) {
                for (int i = 1; i <= (e == 1 ? 1 : 2); i++) {
                    for (int st = 1; st <= 2; st++) {
                        for (int rep = 1; rep <= 2; rep++) {
                            String name = String.format("03-01-%02d-%02d-%02d-%02d-%02d.wav", e, i, st, rep, actor);
                            String label = org.affect4j.core.ravdess.RavdessFileName.parse(name).emotion().label();
                            csv.append(name).append(',').append(actor).append(',').append(label).append(",surprised,0,0,0,0,0,0,0,0\n");
                        }
                    }
                }
            }
        }
        Files.writeString(logits.resolve("fold-0.csv"), csv);
        Path work = tmp.resolve("work");
        Result r = run("cv-au", "--au", SharedData.require("data/ravdess-au/au_mfcc.pkl").toString(), "--speech-logits", logits.toString(),
                "--work", work.toString(), "--folds", "0", "--branch-epochs", "10", "--fusion-epochs", "10");
        assertEquals(0, r.code(), r.err());
        String table = Files.readString(work.resolve("cv-au-report.md"));
        for (String m : List.of("| speech |", "| action-units |", "| fused |", "| late |")) {
            assertTrue(table.contains(m), table);
        }
        assertTrue(table.contains("| speech | 0.133 |"), table);
        assertTrue(Files.exists(work.resolve("fold-0").resolve("au-fusion.zip")));
        assertEquals(2, run("cv-au", "--au", "x.pkl", "--work", work.toString()).code());   // no --speech-logits: usage
        assertEquals(1, run("cv-au", "--au", tmp.resolve("x.pkl").toString(), "--speech-logits", logits.toString(), "--work", work.toString()).code());
    }

    @Test
    void degradeWritesACopyPerCondition(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("in").resolve("Actor_01"));
        Path src = SharedData.require("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav");
        Files.copy(src, data.resolve(src.getFileName()));
        Result r = run("degrade", "--data", tmp.resolve("in").toString(), "--out", tmp.resolve("out").toString(), "--condition", "16k,telephone,cut-2s");
        assertEquals(0, r.code(), r.err());
        Path rel = Path.of("Actor_01", src.getFileName().toString());
        assertEquals(16_000, org.affect4j.audio.io.WavDecoder.header(tmp.resolve("out/16k").resolve(rel)).sampleRate());
        assertEquals(8000, org.affect4j.audio.io.WavDecoder.header(tmp.resolve("out/telephone").resolve(rel)).sampleRate());
        assertEquals(2.0, org.affect4j.audio.io.WavDecoder.header(tmp.resolve("out/cut-2s").resolve(rel)).durationSeconds(), 1e-4);
        assertEquals(2, run("degrade", "--data", tmp.resolve("in").toString(), "--out", tmp.toString(), "--condition", "8khz").code());
    }
}
