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

    /** The report as one JSON object: totals, per-class P/R/F1, per-actor and per-intensity accuracy, confusion rows. */
    public String toJson() {
        StringBuilder s = new StringBuilder("{");
        s.append(String.format(Locale.ROOT, "\"correct\":%d,\"total\":%d,\"accuracy\":%s", correct, total, num(accuracy())));
        s.append(",\"classes\":{");
        boolean first = true;
        for (Emotion e : Emotion.values()) {
            s.append(first ? "" : ",").append('"').append(e.label()).append("\":{")
                    .append("\"precision\":").append(num(precision(e))).append(",\"recall\":").append(num(recall(e)))
                    .append(",\"f1\":").append(num(f1(e))).append('}');
            first = false;
        }
        s.append("},\"perActor\":{");
        first = true;
        for (Map.Entry<Integer, Double> a : accuracyPerActor().entrySet()) {
            s.append(first ? "" : ",").append('"').append(a.getKey()).append("\":").append(num(a.getValue()));
            first = false;
        }
        s.append("},\"perIntensity\":{");
        first = true;
        for (Map.Entry<Integer, Double> a : accuracyPerIntensity().entrySet()) {
            s.append(first ? "" : ",").append('"').append(a.getKey()).append("\":").append(num(a.getValue()));
            first = false;
        }
        s.append("},\"perActorCounts\":").append(countsJson(perActor));
        s.append(",\"perIntensityCounts\":").append(countsJson(perIntensity));
        s.append(",\"labels\":[");
        first = true;
        for (Emotion e : Emotion.values()) {
            s.append(first ? "" : ",").append('"').append(e.label()).append('"');
            first = false;
        }
        s.append("],\"confusion\":[");
        for (int t = 0; t < 8; t++) {
            s.append(t == 0 ? "" : ",").append('[');
            for (int p = 0; p < 8; p++) {
                s.append(p == 0 ? "" : ",").append(confusion[t][p]);
            }
            s.append(']');
        }
        return s.append("]}").toString();
    }

    private static String countsJson(Map<Integer, long[]> m) {
        StringBuilder s = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<Integer, long[]> e : m.entrySet()) {
            s.append(first ? "" : ",").append('"').append(e.getKey()).append("\":[").append(e.getValue()[0]).append(',')
                    .append(e.getValue()[1]).append(']');
            first = false;
        }
        return s.append('}').toString();
    }

    /**
     * Reads a report written by {@link #toJson()}: the confusion matrix, and the per-actor and per-intensity counts
     * when the JSON has them (reports written before version 0.1.0 carry accuracies only; those groups are then
     * empty).
     *
     * @throws IllegalArgumentException if the text is not such a report (names what is missing or inconsistent)
     */
    public static EvaluationReport fromJson(String json) {
        org.nd4j.shade.jackson.databind.JsonNode root;
        try {
            root = new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        org.nd4j.shade.jackson.databind.JsonNode labels = root == null ? null : root.get("labels");
        org.nd4j.shade.jackson.databind.JsonNode conf = root == null ? null : root.get("confusion");
        if (labels == null || conf == null || !labels.isArray() || !conf.isArray() || labels.size() != 8 || conf.size() != 8) {
            throw new IllegalArgumentException("an evaluation report needs 8 \"labels\" and an 8 x 8 \"confusion\" matrix");
        }
        Builder b = new Builder();
        java.util.Set<Emotion> seen = java.util.EnumSet.noneOf(Emotion.class);
        for (org.nd4j.shade.jackson.databind.JsonNode l : labels) {
            if (!seen.add(Emotion.fromLabel(l.asText()))) {
                throw new IllegalArgumentException("label '" + l.asText() + "' appears twice in \"labels\"");
            }
        }
        for (int t = 0; t < 8; t++) {
            Emotion truth = Emotion.fromLabel(labels.get(t).asText());
            org.nd4j.shade.jackson.databind.JsonNode row = conf.get(t);
            if (!row.isArray() || row.size() != 8) {
                throw new IllegalArgumentException("confusion row " + t + " does not have 8 counts");
            }
            for (int p = 0; p < 8; p++) {
                Emotion pred = Emotion.fromLabel(labels.get(p).asText());
                long n = row.get(p).asLong(-1);
                if (!row.get(p).canConvertToLong() || n < 0) {
                    throw new IllegalArgumentException("confusion[" + t + "][" + p + "] is not a count: " + row.get(p));
                }
                b.confusion[truth.ordinal()][pred.ordinal()] += n;
                b.total += n;
                b.correct += truth == pred ? n : 0;
            }
        }
        readCounts(root.get("perActorCounts"), b.perActor, "perActorCounts");
        readCounts(root.get("perIntensityCounts"), b.perIntensity, "perIntensityCounts");
        if (root.has("total") && root.get("total").asLong() != b.total) {
            throw new IllegalArgumentException("\"total\" " + root.get("total") + " disagrees with the confusion matrix's " + b.total);
        }
        return b.build();
    }

    private static void readCounts(org.nd4j.shade.jackson.databind.JsonNode node, Map<Integer, long[]> into, String what) {
        if (node == null) {
            return;
        }
        var it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            org.nd4j.shade.jackson.databind.JsonNode v = e.getValue();
            if (!v.isArray() || v.size() != 2 || v.get(0).asLong(-1) < 0 || v.get(1).asLong(-1) < v.get(0).asLong(-1)) {
                throw new IllegalArgumentException(what + " of " + e.getKey() + " must be [correct, total], got " + v);
            }
            try {
                into.put(Integer.parseInt(e.getKey()), new long[] {v.get(0).asLong(), v.get(1).asLong()});
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException(what + ": key '" + e.getKey() + "' is not a number");
            }
        }
    }

    /**
     * The reports of disjoint test sets summed into one (confusion matrices and per-group counts added), e.g. the
     * folds of a cross-validation.
     */
    public static EvaluationReport pool(java.util.Collection<EvaluationReport> reports) {
        Builder b = new Builder();
        for (EvaluationReport r : reports) {
            for (int t = 0; t < 8; t++) {
                for (int p = 0; p < 8; p++) {
                    b.confusion[t][p] += r.confusion[t][p];
                }
            }
            b.correct += r.correct;
            b.total += r.total;
            r.perActor.forEach((k, v) -> add(b.perActor, k, v));
            r.perIntensity.forEach((k, v) -> add(b.perIntensity, k, v));
        }
        return b.build();
    }

    private static void add(Map<Integer, long[]> m, int key, long[] v) {
        long[] a = m.computeIfAbsent(key, k -> new long[2]);
        a[0] += v[0];
        a[1] += v[1];
    }

    /**
     * Macro-averaged F1: the mean of {@link #f1} over the classes that occur in the truth (a class never predicted
     * has F1 0, as scikit-learn's {@code zero_division=0}); NaN for an empty report.
     */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (Emotion e : Emotion.values()) {
            if (!Double.isNaN(recall(e))) {
                sum += f1(e);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
    }

    /**
     * The confusion matrix as a PNG (rows = true, columns = predicted; cells shaded by row-normalised share, with
     * counts), drawn headless with Java2D.
     */
    public void writeConfusionPng(java.nio.file.Path file) throws java.io.IOException {
        int cell = 64;
        int left = 110;
        int top = 110;
        int size = left + 8 * cell + 20;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(size, top + 8 * cell + 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
            Emotion[] es = Emotion.values();
            for (int t = 0; t < 8; t++) {
                long row = 0;
                for (long v : confusion[t]) {
                    row += v;
                }
                for (int p = 0; p < 8; p++) {
                    double share = row == 0 ? 0 : confusion[t][p] / (double) row;
                    int shade = (int) Math.round(255 * (1 - share));
                    g.setColor(new java.awt.Color(shade, shade, 255));
                    g.fillRect(left + p * cell, top + t * cell, cell, cell);
                    g.setColor(share > 0.5 ? java.awt.Color.WHITE : java.awt.Color.BLACK);
                    String c = Long.toString(confusion[t][p]);
                    g.drawString(c, left + p * cell + cell / 2 - g.getFontMetrics().stringWidth(c) / 2, top + t * cell + cell / 2 + 5);
                }
                g.setColor(java.awt.Color.BLACK);
                g.drawString(es[t].label(), 8, top + t * cell + cell / 2 + 5);
            }
            for (int p = 0; p < 8; p++) {
                java.awt.geom.AffineTransform old = g.getTransform();
                g.rotate(-Math.PI / 4, left + p * cell + cell / 2.0, top - 8);
                g.drawString(es[p].label(), left + p * cell + cell / 2, top - 8);
                g.setTransform(old);
            }
            g.drawString(String.format(Locale.ROOT, "rows: true, columns: predicted   accuracy %d/%d = %.3f", correct, total, accuracy()),
                    8, top + 8 * cell + 25);
        } finally {
            g.dispose();
        }
        if (!javax.imageio.ImageIO.write(img, "png", file.toFile())) {
            throw new java.io.IOException("no PNG writer available for " + file);
        }
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
