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
import org.affect4j.core.train.Logits;

/**
 * {@code affect4j train-utterance} and {@code cv-utterance}: the utterance model (beyond the seed; see
 * {@link UtteranceTraining}) trained on RAVDESS actors outside the held-out ones, and its actor-independent
 * cross-validation on the original and degraded clips.
 */
final class UtteranceCommand {

    private final PrintStream out;

    UtteranceCommand(PrintStream out) {
        this.out = out;
    }

    private static UtteranceTraining.Recipe recipe(Affect4jCli.Args a) {
        UtteranceTraining.Recipe r = UtteranceTraining.Recipe.defaults();
        if (a.options.containsKey("epochs")) {
            r = r.withEpochs(a.intOption("epochs", r.epochs()));
        }
        if (a.options.containsKey("members")) {
            r = r.withMembers(a.intOption("members", r.members()));
        }
        if (a.options.containsKey("augment")) {
            r = r.withAugmentations(conditions(a.options.get("augment"), true));
        }
        return r;
    }

    static List<Degradations.Condition> conditions(String spec, boolean allowNone) {
        List<Degradations.Condition> out = new ArrayList<>();
        if (allowNone && spec.equals("none")) {
            return out;
        }
        for (String id : spec.split(",")) {
            try {
                out.add(Degradations.Condition.byId(id.trim()));
            } catch (IllegalArgumentException e) {
                throw new Affect4jCli.UsageException(e.getMessage());
            }
        }
        return out;
    }

    /** {@code train-utterance --data <ravdess> --out <model.zip> [--test-actors 1-4] [--epochs N] [--members M] [--augment ...]}. */
    int train(Affect4jCli.Args a) throws IOException {
        Path data = a.path("data");
        Path dest = a.path("out");
        SortedSet<Integer> held = actors(a.options.getOrDefault("test-actors", "1-4"));
        UtteranceTraining.Recipe recipe = recipe(a);
        List<Path> files = RavdessFiles.list(data, ".wav");
        SortedSet<Integer> trainActors = new TreeSet<>();
        for (int actor = 1; actor <= 24; actor++) {
            if (!held.contains(actor)) {
                trainActors.add(actor);
            }
        }
        List<LabelledFile> ravdessTrain = UtteranceTraining.ravdess(files, trainActors);
        if (ravdessTrain.isEmpty()) {
            throw new IllegalArgumentException("no RAVDESS WAVs of actors " + trainActors + " under " + data);
        }
        List<LabelledFile> train = new ArrayList<>(ravdessTrain);
        List<LabelledFile> emoTest = List.of();
        SortedSet<Integer> emoHeld = actors(a.options.getOrDefault("emodb-test-speakers", "3,8"));
        if (a.options.containsKey("extra-emodb")) {
            List<List<LabelledFile>> emo = emoDb(a.path("extra-emodb"), emoHeld);
            train.addAll(emo.get(0));
            emoTest = emo.get(1);
        }
        out.println("training the utterance model on " + train.size() + " clips: RAVDESS actors " + trainActors + " (held out: " + held
                + ")" + (emoTest.isEmpty() && !a.options.containsKey("extra-emodb") ? "" : ", Emo-DB speakers other than " + emoHeld));
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
            archive = org.affect4j.audio.SpeechModelArchive.toArchive(t.net(), t.scaler(), order, recipe.offsetSeconds(),
                    recipe.windowSeconds(), full);
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

    /** Accuracy on held-out clips through the library's own {@code predict}, as provenance ({@code who}: actors or speakers). */
    private static Map<String, Object> heldOutAccuracy(UtteranceTraining.Trained t, List<LabelledFile> test, String who,
                                                       SortedSet<Integer> speakers) {
        int correct = 0;
        try (org.affect4j.audio.SpeechModel model = UtteranceTraining.model(t)) {
            for (LabelledFile f : test) {
                if (model.predict(org.affect4j.core.Clip.of(f.file())).emotion() == f.truth()) {
                    correct++;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(who, List.copyOf(speakers));
        m.put("clips", test.size());
        m.put("correct", correct);
        m.put("accuracy", correct / (double) test.size());
        return m;
    }

    /** {@code cv-utterance --data <ravdess> --work <dir> [--folds 0-5] [--conditions original,16k,telephone,cut-2s]}. */
    int cv(Affect4jCli.Args a) throws IOException {
        Path data = a.path("data");
        Path work = a.path("work");
        UtteranceTraining.Recipe recipe = recipe(a);
        List<Degradations.Condition> conditions = conditions(a.options.getOrDefault("conditions", "original,16k,telephone,cut-2s"), false);
        SortedSet<Integer> folds = actors(a.options.getOrDefault("folds", "0-5"));
        for (int k : folds) {
            if (k < 0 || k >= ActorFolds.FOLDS) {
                throw new Affect4jCli.UsageException("--folds: folds are 0-" + (ActorFolds.FOLDS - 1) + ", got " + k);
            }
        }
        List<Path> files = RavdessFiles.list(data, ".wav");
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
            if (a.options.containsKey("extra-emodb")) {
                List<List<LabelledFile>> emo = emoDb(a.path("extra-emodb"), emoDbTestSpeakers(k));
                train.addAll(emo.get(0));
                emoTest = emo.get(1);
            }
            if (train.isEmpty() || testFiles.isEmpty()) {
                throw new IllegalArgumentException("fold " + k + ": no training or test WAVs under " + data);
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

    /** Accuracy of a trained model on examples (argmax over all its classes, as predict does). */
    private static double accuracy(UtteranceTraining.Trained t, UtteranceTraining.Examples ex) {
        int correct = 0;
        for (int i = 0; i < ex.labels().length; i++) {
            double[] s = t.scaler().transform(ex.rows().get(i));
            float[] x = new float[s.length];
            for (int j = 0; j < s.length; j++) {
                x[j] = (float) s[j];
            }
            if (Logits.argmax(t.net().logits(x, 1)[0]) == ex.labels()[i]) {
                correct++;
            }
        }
        return correct / (double) ex.labels().length;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, Double> readFold(Path report) throws IOException {
        Object o = Json.parse(Files.readString(report));
        Map<String, Double> acc = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m && m.get("accuracy") instanceof Map<?, ?> am) {
            for (Map.Entry<?, ?> e : am.entrySet()) {
                acc.put(String.valueOf(e.getKey()), ((Number) e.getValue()).doubleValue());
            }
            return acc;
        }
        throw new IllegalArgumentException(report + " is not a cv-utterance fold report");
    }

    private static String format(Map<String, Double> acc) {
        StringBuilder b = new StringBuilder();
        acc.forEach((c, v) -> b.append(b.length() == 0 ? "" : ", ").append(c).append(' ').append(String.format(Locale.ROOT, "%.3f", v)));
        return b.toString();
    }

    static String summary(Map<Integer, Map<String, Double>> results, List<Degradations.Condition> conditions, SortedSet<Integer> folds) {
        List<String> columns = new ArrayList<>();
        conditions.forEach(c -> columns.add(c.id()));
        boolean emo = results.values().stream().anyMatch(m -> m.keySet().stream().anyMatch(x -> x.startsWith("emodb-")));
        if (emo) {
            columns.add("Emo-DB held-out pair");
        }
        StringBuilder b = new StringBuilder("| fold (test actors) |");
        for (String c : columns) {
            b.append(' ').append(c).append(" |");
        }
        b.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        results.forEach((k, acc) -> {
            b.append("| ").append(k).append(" (").append(4 * k + 1).append('-').append(4 * k + 4).append(") |");
            for (String c : columns) {
                Map.Entry<String, Double> v = entry(acc, c);
                b.append(' ').append(v == null ? "-" : String.format(Locale.ROOT, "%.3f", v.getValue())
                        + (c.startsWith("Emo-DB") ? " (speakers " + v.getKey().substring(6).replace('-', ',') + ")" : "")).append(" |");
            }
            b.append('\n');
        });
        b.append("| mean ± sd over ").append(results.size()).append(" folds |");
        for (String c : columns) {
            double[] v = results.values().stream().map(m -> entry(m, c)).filter(java.util.Objects::nonNull)
                    .mapToDouble(Map.Entry::getValue).toArray();
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1));
            b.append(' ').append(String.format(Locale.ROOT, "%.3f ± %.3f", mean, sd)).append(" |");
        }
        b.append('\n');
        if (!results.keySet().containsAll(folds)) {
            b.append("\nfolds not run: ").append(new TreeSet<>(folds) {{ removeAll(results.keySet()); }}).append('\n');
        }
        return b.toString();
    }

    /** Emo-DB speakers held out of fold {@code k} (a pair; the ten speakers in five pairs, fold 5 = fold 0's pair). */
    static SortedSet<Integer> emoDbTestSpeakers(int k) {
        List<Integer> speakers = new ArrayList<>(new TreeSet<>(org.affect4j.core.emodb.EmoDbFileName.SPEAKERS));
        int pair = k % (speakers.size() / 2);
        return new TreeSet<>(List.of(speakers.get(2 * pair), speakers.get(2 * pair + 1)));
    }

    /** Emo-DB clips with a RAVDESS emotion under {@code dir}, split by speaker: [training, held out]. */
    static List<List<LabelledFile>> emoDb(Path dir, SortedSet<Integer> heldOut) {
        List<LabelledFile> train = new ArrayList<>();
        List<LabelledFile> test = new ArrayList<>();
        for (Path p : org.affect4j.core.emodb.EmoDbFiles.listWithRavdessEmotion(dir)) {
            LabelledFile f = LabelledFile.ofEmoDb(p);
            (heldOut.contains(f.speaker()) ? test : train).add(f);
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no Emo-DB WAVs (e.g. 03a01Fa.wav) of speakers other than " + heldOut + " under " + dir);
        }
        return List.of(train, test);
    }

    /** A fold's value of a column: the condition's, or for the Emo-DB column the fold's held-out pair's. */
    private static Map.Entry<String, Double> entry(Map<String, Double> acc, String column) {
        for (Map.Entry<String, Double> e : acc.entrySet()) {
            if (column.startsWith("Emo-DB") ? e.getKey().startsWith("emodb-") : e.getKey().equals(column)) {
                return e;
            }
        }
        return null;
    }

    /** "1-4" or "1,2,5" → the set. */
    static SortedSet<Integer> actors(String spec) {
        SortedSet<Integer> out = new TreeSet<>();
        try {
            for (String part : spec.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-');
                if (dash > 0) {
                    int from = Integer.parseInt(p.substring(0, dash).trim());
                    int to = Integer.parseInt(p.substring(dash + 1).trim());
                    for (int i = from; i <= to; i++) {
                        out.add(i);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            }
        } catch (NumberFormatException e) {
            throw new Affect4jCli.UsageException("not a list of numbers: " + spec);
        }
        return out;
    }
}
