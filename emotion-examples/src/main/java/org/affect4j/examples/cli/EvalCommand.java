package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.audio.train.SpeechEvaluation;
import org.affect4j.audio.SpeechModelArchive;
import org.affect4j.core.Emotion;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.emodb.EmoDbFileName;
import org.affect4j.core.emodb.EmoDbFiles;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.core.eval.LabelledFile;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.ravdess.RavdessFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code affect4j eval --data <dir>}: accuracy, per-class, per-actor and per-intensity accuracy and the confusion matrix
 * of a speech model over every RAVDESS (or Emo-DB) WAV under a folder, labels from the file names.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Evaluates a speech model on a labelled corpus (RAVDESS or Emo-DB).",
                "Evaluates a speech model on every RAVDESS speech WAV under --data (labels from the file names), or on the Berlin Emo-DB's WAVs (--corpus emodb): accuracy, per-class, per-actor and per-intensity accuracy, confusion matrix."})
final class EvalCommand implements Callable<Integer> {

    /** First line of a speaker-normalised model's test report. */
    static final String CALIBRATED_NOTE = "speaker-calibrated: each clip after calibrating on the other repetition of its actor's clips";

    @ParentCommand
    private Affect4jCli cli;

    @Option(names = "--data", required = true, paramLabel = "<dir>", description = "folder of the corpus's WAV files")
    private Path data;

    @Option(names = "--corpus", paramLabel = "ravdess|emodb", defaultValue = "ravdess",
            description = "ravdess (default) or emodb (the Berlin Emo-DB: speaker numbers for --actors; boredom, which RAVDESS lacks,"
                    + " left out; calm or surprised answers count as errors)")
    private String corpus;

    @Option(names = "--actors", paramLabel = "21-24", description = "only these actors (or Emo-DB speakers)")
    private String actors;

    @Mixin
    private SpeechModelOptions speech;

    @Option(names = "--out", paramLabel = "<logits.csv>", description = "per-file logits (the input of 'ensemble')")
    private Path logitsCsv;

    @Option(names = "--report-dir", paramLabel = "<dir>", description = "writes report.json and confusion.png")
    private Path reportDir;

    @Option(names = "--stamp-test", paramLabel = "<out.zip>",
            description = "with --model: a copy of the model recording this held-out test result")
    private Path stampTest;

    @Option(names = "--calibrate", paramLabel = "per-actor",
            description = "speaker calibration: each clip predicted after calibrating on the other repetition of its actor's clips,"
                    + " no labels used; beyond the seed")
    private String calibrate;

    @Option(names = "--calibration-clips", paramLabel = "K", description = "with --calibrate: K of those clips (default all)")
    private Integer calibrationClips;

    @Option(names = "--seed", paramLabel = "S", description = "with --calibrate: the seed drawing the calibration clips (default 1)")
    private Integer seed;

    @Option(names = "--format", paramLabel = "text|json|csv", defaultValue = "text",
            description = "output: text (default), json (the report) or csv (one row per file); notes then go to stderr")
    private OutputFormat format;

    @Override
    public Integer call() throws IOException {
        if (stampTest != null && speech.windows != null) {
            throw new Affect4jCli.UsageException("--stamp-test records the model's own single-window result; drop --windows");
        }
        if (calibrate != null && !calibrate.equals("per-actor")) {
            throw new Affect4jCli.UsageException("eval --calibrate takes 'per-actor', got '" + calibrate + "'");
        }
        if (calibrate != null && stampTest != null) {
            throw new Affect4jCli.UsageException("--stamp-test records the model's own uncalibrated result; drop --calibrate");
        }
        if (calibrate == null && (calibrationClips != null || seed != null)) {
            throw new Affect4jCli.UsageException("--calibration-clips and --seed choose calibration clips; they need --calibrate per-actor");
        }
        int clips = calibrationClips == null ? Integer.MAX_VALUE : calibrationClips;
        if (clips < 1) {
            throw new Affect4jCli.UsageException("--calibration-clips must be >= 1, got " + clips);
        }
        int drawSeed = seed == null ? 1 : seed;
        if (!corpus.equals("ravdess") && !corpus.equals("emodb")) {
            throw new Affect4jCli.UsageException("eval --corpus takes ravdess or emodb, got '" + corpus + "'");
        }
        boolean emoDb = corpus.equals("emodb");
        if (emoDb && (calibrate != null || stampTest != null)) {
            throw new Affect4jCli.UsageException("--calibrate and --stamp-test work on RAVDESS actors; drop them with --corpus emodb");
        }
        PrintStream notes = format == OutputFormat.text ? cli.out : cli.err;
        List<LabelledFile> labelled = emoDb ? emoDbFiles() : ravdessFiles().stream().map(LabelledFile::ofRavdess).toList();
        List<Path> files = labelled.stream().map(LabelledFile::file).toList();
        try (SpeechDetector d = speech.load()) {
            if (calibrate == null && d.info().speakerNormalised()) {
                cli.err.println("note: this model was trained on speaker-normalised input; add --calibrate per-actor for the accuracy"
                        + " it was selected with");
            }
            if (calibrate != null) {
                PredictCommand.requireCalibratable(d);
            }
            Progress progress = new Progress(cli.err, "files");
            SpeechEvaluation ev = calibrate != null
                    ? SpeechEvaluation.runCalibratedPerActor(d, files, speech.batch, n -> progress.update(n, files.size()), clips, drawSeed)
                    : SpeechEvaluation.runLabelled(d, labelled, speech.batch, n -> progress.update(n, files.size()));
            progress.done();
            if (calibrate != null && clips != Integer.MAX_VALUE) {
                cli.err.println("speaker calibration per actor from at most " + clips + " clips of the other repetition,"
                        + " drawn with seed " + drawSeed);
            }
            switch (format) {
                case text -> cli.out.print(ev.report().format());
                case json -> cli.out.println(ev.report().toJson());
                case csv -> perFileCsv(ev);
            }
            CliSupport.writeReportDir(reportDir, ev.report(), notes);
            if (stampTest != null) {
                stampTest(files, ev.report(), notes);
            }
            if (logitsCsv != null) {
                List<LogitsCsv.Row> rows = new ArrayList<>();
                for (SpeechEvaluation.Item it : ev.items()) {
                    rows.add(new LogitsCsv.Row(it.file().getFileName().toString(), it.label().speaker(), it.label().truth(),
                            it.prediction().emotion(), it.prediction().logits()));
                }
                LogitsCsv.write(logitsCsv, d.info().labelOrder(), rows);
                notes.println("per-file logits written to " + logitsCsv);
            }
        }
        return 0;
    }

    /** {@code --format csv}: one row per file with its label, prediction and every emotion's probability. */
    private void perFileCsv(SpeechEvaluation ev) {
        StringBuilder h = new StringBuilder("file,actor,label,prediction,correct,confidence");
        for (Emotion e : Emotion.values()) {
            h.append(",p_").append(e.label());
        }
        cli.out.println(h);
        for (SpeechEvaluation.Item it : ev.items()) {
            StringBuilder r = new StringBuilder(PredictionRows.csv(it.file().toString())).append(',').append(it.label().speaker())
                    .append(',').append(it.label().truth().label()).append(',').append(it.prediction().emotion().label()).append(',')
                    .append(it.correct()).append(',').append(String.format(Locale.ROOT, "%.6f", it.prediction().confidence()));
            for (Emotion e : Emotion.values()) {
                r.append(',').append(String.format(Locale.ROOT, "%.6f", it.prediction().probability(e)));
            }
            cli.out.println(r);
        }
    }

    /** The RAVDESS WAVs under {@code --data}, only those of {@code --actors} when given; never empty. */
    private List<Path> ravdessFiles() {
        List<Path> all = RavdessFiles.list(data, ".wav");
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no RAVDESS WAV files (NN-NN-NN-NN-NN-NN-NN.wav) under " + data);
        }
        if (actors == null) {
            return all;
        }
        Set<Integer> chosen = CliSupport.actors(actors);
        List<Path> files = all.stream().filter(f -> chosen.contains(RavdessFileName.parse(f).actor())).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no RAVDESS WAV files of actors " + chosen + " under " + data);
        }
        return files;
    }

    /** The Emo-DB WAVs under {@code --data} with a RAVDESS emotion, only those of the {@code --actors} speakers; never empty. */
    private List<LabelledFile> emoDbFiles() {
        List<Path> files = EmoDbFiles.listWithRavdessEmotion(data);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Emo-DB WAV files (e.g. 03a01Fa.wav) under " + data);
        }
        if (actors != null) {
            Set<Integer> speakers = CliSupport.actors(actors);
            files = files.stream().filter(f -> speakers.contains(EmoDbFileName.parse(f).speaker())).toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no Emo-DB WAV files of speakers " + speakers + " under " + data);
            }
        }
        return files.stream().map(LabelledFile::ofEmoDb).toList();
    }

    /**
     * Writes a copy of the {@code --model} archive whose provenance records this evaluation as the model's held-out
     * test result (actors, accuracy, counts), refusing when any evaluated actor was used for training or selection.
     */
    private void stampTest(List<Path> files, EvaluationReport report, PrintStream notes) {
        if (speech.model == null) {
            throw new Affect4jCli.UsageException("--stamp-test needs --model <affect4j.zip>");
        }
        ModelArchive m = ModelArchive.read(speech.model);
        Map<String, Object> prov = new LinkedHashMap<>(SpeechModelArchive.provenance(m));
        Set<Integer> evaluated = new TreeSet<>();
        files.forEach(f -> evaluated.add(RavdessFileName.parse(f).actor()));
        for (String k : List.of("trainActors", "validationActors")) {
            if (prov.get(k) instanceof List<?> used) {
                for (Object u : used) {
                    if (evaluated.contains(((Number) u).intValue())) {
                        throw new IllegalArgumentException("actor " + u + " of the evaluated files is in the model's " + k
                                + ": not a held-out test");
                    }
                }
            }
        }
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("actors", List.copyOf(evaluated));
        test.put("files", report.total());
        test.put("correct", report.correct());
        test.put("accuracy", report.accuracy());
        prov.put("test", test);
        Map<String, Object> meta = new LinkedHashMap<>(m.meta());
        meta.put("provenance", prov);
        ModelArchive.of(meta, m.tensors()).write(stampTest);
        notes.println("model with its test result written to " + stampTest);
    }
}
