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

import static org.affect4j.examples.cli.UtteranceCommands.emoDb;
import static org.affect4j.examples.cli.UtteranceCommands.heldOutAccuracy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code affect4j train-utterance}: the utterance model (beyond the seed; see {@link UtteranceTraining}) trained on
 * every RAVDESS actor but the held-out ones, their held-out accuracy recorded in the archive's provenance.
 */
@Command(name = "train-utterance", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Trains the utterance model (the default speech model's recipe).",
                "Trains the utterance model (statistics of the telephone band over the whole utterance, an ensemble of small MLPs; beyond the seed; the bundled default) on every RAVDESS actor but the held-out ones."})
final class TrainUtteranceCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Mixin
    private UtteranceRecipeOptions options;

    @Option(names = "--out", required = true, paramLabel = "<model.zip>", description = "the model archive to write")
    private Path dest;

    @Option(names = "--test-actors", paramLabel = "1-4", defaultValue = "1-4", description = "held-out actors, never trained on (default ${DEFAULT-VALUE})")
    private String testActors;

    @Option(names = "--emodb-test-speakers", paramLabel = "3,8", defaultValue = "3,8",
            description = "with --extra-emodb: held-out Emo-DB speakers (default ${DEFAULT-VALUE})")
    private String emoDbTestSpeakers;

    @Override
    public Integer call() throws IOException {
        PrintStream out = cli.out;
        SortedSet<Integer> held = CliSupport.range("--test-actors", testActors, 1, 24);
        UtteranceTraining.Recipe recipe = options.recipe();
        List<Path> files = RavdessFiles.list(options.data, ".wav");
        SortedSet<Integer> trainActors = new TreeSet<>();
        for (int actor = 1; actor <= 24; actor++) {
            if (!held.contains(actor)) {
                trainActors.add(actor);
            }
        }
        List<LabelledFile> ravdessTrain = UtteranceTraining.ravdess(files, trainActors);
        if (ravdessTrain.isEmpty()) {
            throw new IllegalArgumentException("no RAVDESS WAVs of actors " + trainActors + " under " + options.data);
        }
        List<LabelledFile> train = new ArrayList<>(ravdessTrain);
        List<LabelledFile> emoTest = List.of();
        SortedSet<Integer> emoHeld = CliSupport.range("--emodb-test-speakers", emoDbTestSpeakers, 3, 16);
        if (options.extraEmoDb != null) {
            List<List<LabelledFile>> emo = emoDb(options.extraEmoDb, emoHeld);
            train.addAll(emo.get(0));
            emoTest = emo.get(1);
        }
        out.println("training the utterance model on " + train.size() + " clips: RAVDESS actors " + trainActors + " (held out: " + held
                + ")" + (emoTest.isEmpty() && options.extraEmoDb == null ? "" : ", Emo-DB speakers other than " + emoHeld));
        LabelOrder order = LabelOrder.SEED_SPEECH;
        UtteranceTraining.Examples ex = UtteranceTraining.trainingExamples(train, recipe, order);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("data", "RAVDESS speech (Livingstone & Russo 2018, CC BY-NC-SA 4.0), " + ravdessTrain.size() + " clips"
                + (train.size() > ravdessTrain.size() ? "; Emo-DB (Burkhardt et al. 2005, free use with citation), "
                + (train.size() - ravdessTrain.size()) + " clips of speakers other than " + emoHeld + ", boredom left out" : ""));
        if (train.size() > ravdessTrain.size()) {
            prov.put("emoDbHeldOutSpeakers", List.copyOf(emoHeld));
        }
        prov.put("trainActors", List.copyOf(trainActors));
        prov.put("heldOutActors", List.copyOf(held));
        prov.put("protocol", "actor-independent: held-out actors never used for training or selection; fixed recipe, no model selection");
        UtteranceTraining.Trained t = UtteranceTraining.train(ex, recipe, order, prov);
        org.affect4j.core.checkpoint.ModelArchive archive = t.archive();
        List<LabelledFile> test = UtteranceTraining.ravdess(files, held);
        if (!test.isEmpty()) {
            // the held-out actors through the library's own prediction path, recorded in the archive's provenance
            Map<String, Object> testMeta = heldOutAccuracy(t, test, "actors", held);
            Map<String, Object> full = new LinkedHashMap<>(org.affect4j.audio.SpeechModelArchive.provenance(archive));
            full.put("validationActors", List.of());
            full.put("test", testMeta);
            if (!emoTest.isEmpty()) {
                full.put("testEmoDb", heldOutAccuracy(t, emoTest, "speakers", emoHeld));
                out.println("held-out Emo-DB speakers " + emoHeld + ": " + full.get("testEmoDb"));
            }
            archive = org.affect4j.audio.SpeechModelArchive.toArchive(t.net(), t.scaler(), order, recipe.window(), full);
            out.println(String.format(Locale.ROOT, "held-out actors %s: %s/%d = %.4f", held, testMeta.get("correct"), test.size(),
                    (Double) testMeta.get("accuracy")));
        }
        if (dest.toAbsolutePath().getParent() != null) {
            Files.createDirectories(dest.toAbsolutePath().getParent());
        }
        archive.write(dest);
        out.println("wrote " + dest);
        return 0;
    }

}
