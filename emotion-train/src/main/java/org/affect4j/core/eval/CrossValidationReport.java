package org.affect4j.core.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.affect4j.core.Emotion;

/**
 * The folds of an actor-independent cross-validation together: each metric as mean ± sample standard deviation
 * over the folds (accuracy, macro-F1, per-class recall and F1), plus the pooled report of all test clips (every
 * clip is tested exactly once, by the fold that never saw its actor). Immutable.
 */
public final class CrossValidationReport {

    /** Mean and sample standard deviation (n − 1 in the denominator; NaN for a single fold) over {@code n} folds. */
    public record Stat(double mean, double sd, int n) {
        static Stat of(List<Double> xs) {
            int n = xs.size();
            double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
        }

        @Override
        public String toString() {
            return Double.isNaN(sd) ? String.format(Locale.ROOT, "%.3f", mean) : String.format(Locale.ROOT, "%.3f ± %.3f", mean, sd);
        }
    }

    private final Map<Integer, EvaluationReport> folds;

    private CrossValidationReport(Map<Integer, EvaluationReport> folds) {
        this.folds = folds;
    }

    /**
     * @param folds fold number → that fold's test report; at least one
     * @throws IllegalArgumentException when empty or a report is empty
     */
    public static CrossValidationReport of(Map<Integer, EvaluationReport> folds) {
        Objects.requireNonNull(folds, "folds");
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("a cross-validation report needs at least one fold");
        }
        folds.forEach((k, r) -> {
            if (r == null || r.total() == 0) {
                throw new IllegalArgumentException("fold " + k + " has no test clips");
            }
        });
        return new CrossValidationReport(Collections.unmodifiableMap(new TreeMap<>(folds)));
    }

    /** Fold number → test report, in fold order. */
    public Map<Integer, EvaluationReport> folds() {
        return folds;
    }

    public Stat accuracy() {
        return over(EvaluationReport::accuracy);
    }

    public Stat macroF1() {
        return over(EvaluationReport::macroF1);
    }

    public Stat recall(Emotion e) {
        return over(r -> r.recall(e));
    }

    public Stat f1(Emotion e) {
        return over(r -> r.f1(e));
    }

    private Stat over(ToDoubleFunction<EvaluationReport> metric) {
        List<Double> xs = new ArrayList<>();
        for (EvaluationReport r : folds.values()) {
            double v = metric.applyAsDouble(r);
            if (!Double.isNaN(v)) {
                xs.add(v);
            }
        }
        return Stat.of(xs);
    }

    /** All folds' test clips in one report (confusion matrices and per-actor counts summed). */
    public EvaluationReport pooled() {
        return EvaluationReport.pool(folds.values());
    }

    /** Folds, per-fold accuracy and macro-F1, the mean ± sd lines, per-class lines, then the pooled report. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d fold(s) %s%n", folds.size(), folds.keySet()));
        folds.forEach((k, r) -> s.append(String.format(Locale.ROOT, "  fold %d: accuracy %d/%d = %.3f  macro-F1 %.3f%n", k, r.correct(),
                r.total(), r.accuracy(), r.macroF1())));
        s.append(String.format(Locale.ROOT, "accuracy  %s (mean ± sample sd over folds)%n", accuracy()));
        s.append(String.format(Locale.ROOT, "macro-F1  %s%n", macroF1()));
        s.append(String.format(Locale.ROOT, "%n%-10s %15s %15s%n", "class", "recall", "f1"));
        for (Emotion e : Emotion.values()) {
            s.append(String.format(Locale.ROOT, "%-10s %15s %15s%n", e.label(), recall(e), f1(e)));
        }
        s.append(String.format(Locale.ROOT, "%npooled over the folds' test clips:%n")).append(pooled().format());
        return s.toString();
    }

    /** The report as one JSON object: per-fold accuracy and macro-F1, mean/sd per metric, and the pooled report. */
    public String toJson() {
        StringBuilder s = new StringBuilder("{\"folds\":{");
        boolean first = true;
        for (Map.Entry<Integer, EvaluationReport> f : folds.entrySet()) {
            s.append(first ? "" : ",").append('"').append(f.getKey()).append("\":{\"accuracy\":").append(num(f.getValue().accuracy()))
                    .append(",\"macroF1\":").append(num(f.getValue().macroF1())).append(",\"total\":").append(f.getValue().total()).append('}');
            first = false;
        }
        s.append("},\"accuracy\":").append(json(accuracy())).append(",\"macroF1\":").append(json(macroF1())).append(",\"classes\":{");
        first = true;
        for (Emotion e : Emotion.values()) {
            s.append(first ? "" : ",").append('"').append(e.label()).append("\":{\"recall\":").append(json(recall(e)))
                    .append(",\"f1\":").append(json(f1(e))).append('}');
            first = false;
        }
        return s.append("},\"pooled\":").append(pooled().toJson()).append('}').toString();
    }

    private static String json(Stat st) {
        return "{\"mean\":" + num(st.mean()) + ",\"sd\":" + num(st.sd()) + ",\"n\":" + st.n() + "}";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
    }
}
