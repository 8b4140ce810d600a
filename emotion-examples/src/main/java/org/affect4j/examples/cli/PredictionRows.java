package org.affect4j.examples.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;
import org.affect4j.core.Span;

/**
 * The machine-readable output of {@code predict --format json|csv}: one record per file (speech) or per face (video),
 * with the file, what was scored ({@code speech}, or {@code face K} for a face's fused prediction), the scored span in
 * seconds, the emotion, its confidence, every emotion's probability and the modalities used.
 */
final class PredictionRows {

    private final PrintStream out;
    private final OutputFormat format;
    private boolean header;

    PredictionRows(PrintStream out, OutputFormat format) {
        if (format == OutputFormat.text) {
            throw new IllegalArgumentException("text output is written by the commands themselves");
        }
        this.out = out;
        this.format = format;
    }

    /** Writes one record; {@code span} may be null when the result has none. */
    void write(String file, String part, Span span, Prediction p) {
        double start = span == null ? Double.NaN : span.startSeconds();
        double end = span == null ? Double.NaN : span.endSeconds();
        String modalities = p.modalities().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining("+"));
        if (format == OutputFormat.csv) {
            if (!header) {
                StringBuilder h = new StringBuilder("file,part,start_s,end_s,emotion,confidence");
                for (Emotion e : Emotion.values()) {
                    h.append(",p_").append(e.label());
                }
                out.println(h.append(",modalities"));
                header = true;
            }
            StringBuilder r = new StringBuilder(csv(file)).append(',').append(part).append(',').append(num(start)).append(',')
                    .append(num(end)).append(',').append(p.emotion().label()).append(',').append(num(p.confidence()));
            for (Emotion e : Emotion.values()) {
                r.append(',').append(num(p.probability(e)));
            }
            out.println(r.append(',').append(modalities));
            return;
        }
        StringBuilder j = new StringBuilder("{\"file\":").append(json(file)).append(",\"part\":").append(json(part))
                .append(",\"start_s\":").append(jsonNum(start)).append(",\"end_s\":").append(jsonNum(end))
                .append(",\"emotion\":").append(json(p.emotion().label())).append(",\"confidence\":").append(jsonNum(p.confidence()))
                .append(",\"probabilities\":{");
        for (Emotion e : Emotion.values()) {
            j.append(e.ordinal() == 0 ? "" : ",").append(json(e.label())).append(':').append(jsonNum(p.probability(e)));
        }
        out.println(j.append("},\"modalities\":").append(json(modalities)).append('}'));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String jsonNum(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** A CSV field, quoted when it holds a comma, quote or line break. */
    static String csv(String s) {
        return s.matches(".*[\",\r\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A JSON string literal. */
    static String json(String s) {
        return org.affect4j.core.checkpoint.Json.quote(s);
    }
}
