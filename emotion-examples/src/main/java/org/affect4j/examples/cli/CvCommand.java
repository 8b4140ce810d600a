package org.affect4j.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.affect4j.EmotionDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.audio.train.SpeechEvaluation;
import org.affect4j.core.eval.CrossValidationReport;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.core.ravdess.ActorFolds;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code affect4j cv}: actor-independent k-fold — fold k trains on 16 actors, selects on the previous fold's actors and
 * tests its best model on actors 4k+1..4k+4. Each fold's report is saved as it finishes; a rerun skips finished folds
 * and resumes an interrupted one.
 */
@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Six-fold actor-independent cross-validation of the speech network's recipe.",
                "Actor-independent cross-validation of the speech recipe: fold k trains on 16 actors, selects on the previous fold's 4 and tests on actors 4k+1..4k+4; per-fold reports are saved as they finish, a rerun resumes."})
final class CvCommand implements Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Mixin
    private TrainingOptions training;

    @Option(names = "--folds", paramLabel = "0-5", defaultValue = "0-5", description = "the folds to run (default ${DEFAULT-VALUE})")
    private String folds;

    @Override
    public Integer call() throws IOException {
        Path work = training.work;
        SortedSet<Integer> chosen = CliSupport.folds(folds);
        List<Path> files = RavdessFiles.list(training.data, ".wav");
        training.requireSameCvRun();
        HugePages.hint(cli.err);
        for (int k : chosen) {
            Path dir = work.resolve("fold-" + k);
            Path result = dir.resolve("test-report.json");
            if (!Files.exists(result)) {
                String prefix = "fold " + k + ": ";
                Trainer.Result r = training.trainSpeech(cli.out, cli.err, dir, ActorFolds.trainActors(k), ActorFolds.validationActors(k), prefix);
                if (!r.complete()) {
                    cli.out.println("cv stopped by --max-minutes during fold " + k + "; run the same command again to resume");
                    return 0;
                }
                List<Path> test = ActorFolds.split(files, k).test();
                try (SpeechDetector d = EmotionDetector.speech().load(r.bestModel())) {
                    boolean calibrated = d.info().speakerNormalised();
                    SpeechEvaluation ev = calibrated ? SpeechEvaluation.runCalibratedPerActor(d, test, 32, null)
                            : SpeechEvaluation.run(d, test, 32, null);
                    Files.writeString(dir.resolve("test-report.txt"), (calibrated ? EvalCommand.CALIBRATED_NOTE + System.lineSeparator() : "")
                            + ev.report().format());
                    ev.report().writeConfusionPng(dir.resolve("test-confusion.png"));
                    Files.writeString(result, ev.report().toJson());
                }
            }
            double acc = CliSupport.readReport(result).accuracy();
            cli.out.printf(Locale.ROOT, "fold %d (test actors %s): accuracy %.4f  [%s]%n", k,
                    ActorFolds.testActors(k).stream().sorted().toList(), acc, result);
        }
        // the summary covers every finished fold in the work directory (folds may run in separate invocations)
        Map<Integer, EvaluationReport> done = new TreeMap<>();
        for (int k = 0; k <= 5; k++) {
            Path result = work.resolve("fold-" + k).resolve("test-report.json");
            if (Files.exists(result)) {
                done.put(k, CliSupport.readReport(result));
            }
        }
        CrossValidationReport cvr = CrossValidationReport.of(done);
        Files.writeString(work.resolve("cv-report.txt"), cvr.format());
        Files.writeString(work.resolve("cv-report.json"), cvr.toJson());
        cvr.pooled().writeConfusionPng(work.resolve("cv-confusion.png"));
        cli.out.print(cvr.format());
        cli.out.printf(Locale.ROOT, "%d fold(s) %s: mean accuracy %s (sample sd); report in %s%n", done.size(), done.keySet(), cvr.accuracy(),
                work.resolve("cv-report.txt"));
        return 0;
    }
}
