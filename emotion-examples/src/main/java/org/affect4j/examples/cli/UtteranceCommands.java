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

/**
 * What {@code train-utterance} and {@code cv-utterance} share: the recipe from their options, Emo-DB's speaker split,
 * held-out scoring and the cross-validation's fold files and summary table.
 */
final class UtteranceCommands {

    private UtteranceCommands() {
    }

    /** The default recipe with the options given (null = the recipe's own value). */
    static UtteranceTraining.Recipe recipe(Integer epochs, Integer members, String augment) {
        UtteranceTraining.Recipe r = UtteranceTraining.Recipe.defaults();
        if (epochs != null) {
            r = r.withEpochs(epochs);
        }
        if (members != null) {
            r = r.withMembers(members);
        }
        if (augment != null) {
            r = r.withAugmentations(conditions(augment, true));
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

    /** Accuracy on held-out clips through the library's own {@code predict}, as provenance ({@code who}: actors or speakers). */
    static Map<String, Object> heldOutAccuracy(UtteranceTraining.Trained t, List<LabelledFile> test, String who,
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

    /** Accuracy of a trained model on examples (argmax over all its classes, as predict does). */
    static double accuracy(UtteranceTraining.Trained t, UtteranceTraining.Examples ex) {
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

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Map<String, Double> readFold(Path report) throws IOException {
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

    static String format(Map<String, Double> acc) {
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
}
