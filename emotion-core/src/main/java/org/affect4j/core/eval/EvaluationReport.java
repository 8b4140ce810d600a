package org.affect4j.core.eval;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.affect4j.core.Emotion;

/**
 * Accuracy, per-class precision/recall/F1, per-actor and per-intensity accuracy and the confusion matrix of a
 * classification run. Build with {@link Builder}; the report itself is immutable.
 */
public final class EvaluationReport {

    private final long[][] confusion; // [true][predicted] by Emotion ordinal
    private final Map<Integer, long[]> perActor;     // actor -> {correct, total}
    private final Map<Integer, long[]> perIntensity; // intensity -> {correct, total}
    private final long correct;
    private final long total;

    private EvaluationReport(Builder b) {
        this.confusion = new long[8][];
        for (int i = 0; i < 8; i++) {
            confusion[i] = b.confusion[i].clone();
        }
        this.perActor = Collections.unmodifiableMap(copy(b.perActor));
        this.perIntensity = Collections.unmodifiableMap(copy(b.perIntensity));
        this.correct = b.correct;
        this.total = b.total;
    }

    private static Map<Integer, long[]> copy(Map<Integer, long[]> m) {
        Map<Integer, long[]> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** Collects (truth, prediction) pairs. Not thread-safe. */
    public static final class Builder {
        private final long[][] confusion = new long[8][8];
        private final Map<Integer, long[]> perActor = new TreeMap<>();
        private final Map<Integer, long[]> perIntensity = new TreeMap<>();
        private long correct;
        private long total;

        /** @param actor RAVDESS actor (or any group id; negative = none); @param intensity 1/2 (negative = none) */
        public Builder add(Emotion truth, Emotion predicted, int actor, int intensity) {
            Objects.requireNonNull(truth, "truth");
            Objects.requireNonNull(predicted, "predicted");
            confusion[truth.ordinal()][predicted.ordinal()]++;
            boolean ok = truth == predicted;
            correct += ok ? 1 : 0;
            total++;
            if (actor >= 0) {
                long[] a = perActor.computeIfAbsent(actor, k -> new long[2]);
                a[0] += ok ? 1 : 0;
                a[1]++;
            }
            if (intensity >= 0) {
                long[] a = perIntensity.computeIfAbsent(intensity, k -> new long[2]);
                a[0] += ok ? 1 : 0;
                a[1]++;
            }
            return this;
        }

        public EvaluationReport build() {
            return new EvaluationReport(this);
        }
    }

    public long correct() {
        return correct;
    }

    public long total() {
        return total;
    }

    public double accuracy() {
        return total == 0 ? Double.NaN : correct / (double) total;
    }

    /** Count of clips with true emotion {@code truth} predicted as {@code predicted}. */
    public long count(Emotion truth, Emotion predicted) {
        return confusion[truth.ordinal()][predicted.ordinal()];
    }

    public double precision(Emotion e) {
        long col = 0;
        for (int t = 0; t < 8; t++) {
            col += confusion[t][e.ordinal()];
        }
        return col == 0 ? Double.NaN : confusion[e.ordinal()][e.ordinal()] / (double) col;
    }

    public double recall(Emotion e) {
        long row = 0;
        for (long v : confusion[e.ordinal()]) {
            row += v;
        }
        return row == 0 ? Double.NaN : confusion[e.ordinal()][e.ordinal()] / (double) row;
    }

    public double f1(Emotion e) {
        double p = precision(e);
        double r = recall(e);
        return (p + r) == 0 || Double.isNaN(p) || Double.isNaN(r) ? 0 : 2 * p * r / (p + r);
    }

    /** actor → accuracy, in actor order. */
    public Map<Integer, Double> accuracyPerActor() {
        return ratios(perActor);
    }

    /** intensity (1 normal, 2 strong) → accuracy. */
    public Map<Integer, Double> accuracyPerIntensity() {
        return ratios(perIntensity);
    }

    private static Map<Integer, Double> ratios(Map<Integer, long[]> m) {
        Map<Integer, Double> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v[0] / (double) v[1]));
        return Collections.unmodifiableMap(out);
    }

    /** Human-readable summary: accuracy, per-class P/R/F1, per-actor, per-intensity, confusion matrix. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "accuracy %d/%d = %.3f%n", correct, total, accuracy()));
        s.append(String.format(Locale.ROOT, "%n%-10s %9s %9s %9s %7s%n", "class", "precision", "recall", "f1", "n"));
        for (Emotion e : Emotion.values()) {
            long n = 0;
            for (long v : confusion[e.ordinal()]) {
                n += v;
            }
            s.append(String.format(Locale.ROOT, "%-10s %9.3f %9.3f %9.3f %7d%n", e.label(), precision(e), recall(e), f1(e), n));
        }
        if (!perActor.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%nper actor:%n"));
            perActor.forEach((a, v) -> s.append(String.format(Locale.ROOT, "  actor %02d: %d/%d = %.3f%n", a, v[0], v[1], v[0] / (double) v[1])));
        }
        if (!perIntensity.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%nper intensity:%n"));
            perIntensity.forEach((a, v) -> s.append(String.format(Locale.ROOT, "  %-6s: %d/%d = %.3f%n",
                    a == 1 ? "normal" : a == 2 ? "strong" : String.valueOf(a), v[0], v[1], v[0] / (double) v[1])));
        }
        s.append(String.format(Locale.ROOT, "%nconfusion matrix (rows = true, columns = predicted):%n%-10s", ""));
        for (Emotion e : Emotion.values()) {
            s.append(String.format(Locale.ROOT, " %9s", e.label()));
        }
        s.append(System.lineSeparator());
        for (Emotion t : Emotion.values()) {
            s.append(String.format(Locale.ROOT, "%-10s", t.label()));
            for (Emotion p : Emotion.values()) {
                s.append(String.format(Locale.ROOT, " %9d", confusion[t.ordinal()][p.ordinal()]));
            }
            s.append(System.lineSeparator());
        }
        return s.toString();
    }

    /** Confusion counts as a map for serialisation: true label → predicted label → count. */
    public Map<Emotion, Map<Emotion, Long>> confusionMatrix() {
        Map<Emotion, Map<Emotion, Long>> out = new EnumMap<>(Emotion.class);
        for (Emotion t : Emotion.values()) {
            Map<Emotion, Long> row = new EnumMap<>(Emotion.class);
            for (Emotion p : Emotion.values()) {
                row.put(p, confusion[t.ordinal()][p.ordinal()]);
            }
            out.put(t, Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableMap(out);
    }
}
