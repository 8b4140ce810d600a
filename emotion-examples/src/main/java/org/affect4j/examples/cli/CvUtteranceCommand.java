package org.affect4j.examples.cli;

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
import java.util.SortedSet;
import java.util.TreeSet;
import org.affect4j.audio.io.Degradations;
import org.affect4j.audio.train.UtteranceTraining;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.Json;
import org.affect4j.core.eval.LabelledFile;
import org.affect4j.core.ravdess.ActorFolds;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.nn.Logits;

import static org.affect4j.examples.cli.UtteranceCommands.accuracy;
import static org.affect4j.examples.cli.UtteranceCommands.conditions;
import static org.affect4j.examples.cli.UtteranceCommands.emoDb;
import static org.affect4j.examples.cli.UtteranceCommands.emoDbTestSpeakers;
import static org.affect4j.examples.cli.UtteranceCommands.format;
import static org.affect4j.examples.cli.UtteranceCommands.readFold;
import static org.affect4j.examples.cli.UtteranceCommands.summary;
import static org.affect4j.examples.cli.UtteranceCommands.writeAtomically;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code affect4j cv-utterance}: the utterance recipe's six-fold actor-independent cross-validation on the original and
 * degraded clips; per-fold reports are saved as they finish and a rerun resumes.
 */
@Command(name = "cv-utterance", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Six-fold cross-validation of the utterance recipe on original and degraded clips.",
                "Six-fold actor-independent cross-validation of the utterance recipe on original and degraded clips; per-fold reports are saved as they finish, a rerun resumes; writes cv-utterance-report.md. With --extra-emodb, Emo-DB joins training, one pair of its speakers held out per fold and scored."})
final class CvUtteranceCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Mixin
    private UtteranceRecipeOptions options;

    @Option(names = "--work", required = true, paramLabel = "<dir>", description = "where fold-K.json and the report go")
    private Path work;

    @Option(names = "--folds", paramLabel = "0-5", defaultValue = "0-5", description = "the folds to run (default ${DEFAULT-VALUE})")
    private String foldList;

    @Option(names = "--conditions", paramLabel = "C1,C2,...", defaultValue = "original,16k,telephone,cut-2s",
            description = "test conditions, degraded in memory (default ${DEFAULT-VALUE})")
    private String conditionList;

    @Override
    public Integer call() throws IOException {
        PrintStream out = cli.out;
        UtteranceTraining.Recipe recipe = options.recipe();
        List<Degradations.Condition> conditions = conditions(conditionList, false);
        SortedSet<Integer> folds = CliSupport.range("--folds", foldList, 0, ActorFolds.FOLDS - 1);
        List<Path> files = RavdessFiles.list(options.data, ".wav");
        Files.createDirectories(work);
        LabelOrder order = LabelOrder.SEED_SPEECH;
        Map<Integer, Map<String, Double>> results = new java.util.TreeMap<>();
        for (int k : folds) {
            Path report = work.resolve("fold-" + k + ".json");
            if (Files.exists(report)) {
                results.put(k, readFold(report));
                out.println("fold " + k + ": done before (" + report + ")");
                continue;
            }
            SortedSet<Integer> test = ActorFolds.testActors(k);
            SortedSet<Integer> trainActors = new TreeSet<>();
            for (int actor = 1; actor <= 24; actor++) {
                if (!test.contains(actor)) {
                    trainActors.add(actor);
                }
            }
            List<LabelledFile> train = new ArrayList<>(UtteranceTraining.ravdess(files, trainActors));
            List<LabelledFile> testFiles = UtteranceTraining.ravdess(files, test);
            List<LabelledFile> emoTest = List.of();
            if (options.extraEmoDb != null) {
                List<List<LabelledFile>> emo = emoDb(options.extraEmoDb, emoDbTestSpeakers(k));
                train.addAll(emo.get(0));
                emoTest = emo.get(1);
            }
            if (train.isEmpty() || testFiles.isEmpty()) {
                throw new IllegalArgumentException("fold " + k + ": no training or test WAVs under " + options.data);
            }
            UtteranceTraining.Trained t = UtteranceTraining.train(UtteranceTraining.trainingExamples(train, recipe, order), recipe, order,
                    Map.of("fold", k));
            Map<String, Double> acc = new LinkedHashMap<>();
            for (Degradations.Condition c : conditions) {
                acc.put(c.id(), accuracy(t, UtteranceTraining.examples(testFiles, c, recipe, order)));
            }
            if (!emoTest.isEmpty()) {
                acc.put("emodb-" + emoDbTestSpeakers(k).first() + "-" + emoDbTestSpeakers(k).last(),
                        accuracy(t, UtteranceTraining.examples(emoTest, Degradations.Condition.ORIGINAL, recipe, order)));
            }
            StringBuilder json = new StringBuilder("{\"fold\":").append(k).append(",\"testActors\":").append(List.copyOf(test))
                    .append(",\"testClips\":").append(testFiles.size()).append(",\"accuracy\":{");
            acc.forEach((c, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",").append('"').append(c).append("\":").append(v));
            json.append("}}\n");
            writeAtomically(report, json.toString());
            results.put(k, acc);
            out.println("fold " + k + " (test actors " + test + "): " + format(acc));
        }
        String md = summary(results, conditions, folds);
        writeAtomically(work.resolve("cv-utterance-report.md"), md);
        out.print(md);
        return 0;
    }

}
