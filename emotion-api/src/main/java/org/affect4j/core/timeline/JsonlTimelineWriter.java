package org.affect4j.core.timeline;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.affect4j.core.Box;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;

/** Writes timeline rows as JSON Lines, one object per row. Not thread-safe. */
public final class JsonlTimelineWriter implements TimelineSink {

    private final Writer out;

    public JsonlTimelineWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(TimelineRow r) throws IOException {
        StringBuilder s = new StringBuilder("{");
        s.append("\"clip\":").append(r.clip()).append(",\"start\":").append(num(r.start())).append(",\"end\":").append(num(r.end()))
                .append(",\"face\":").append(r.face());
        if (r.box().isPresent()) {
            Box b = r.box().get();
            s.append(",\"box\":[").append(num(b.x0())).append(',').append(num(b.y0())).append(',')
                    .append(num(b.x1())).append(',').append(num(b.y1())).append(']');
        } else {
            s.append(",\"box\":null");
        }
        if (r.prediction().isPresent()) {
            Prediction p = r.prediction().get();
            s.append(",\"label\":\"").append(p.emotion().label()).append("\",\"confidence\":").append(num(p.confidence()));
            s.append(",\"probabilities\":{");
            boolean first = true;
            for (Emotion e : Emotion.values()) {
                s.append(first ? "" : ",").append('"').append(e.label()).append("\":").append(num(p.probability(e)));
                first = false;
            }
            s.append('}');
            s.append(",\"valence\":").append(p.valence().isPresent() ? num(p.valence().getAsDouble()) : "null");
            s.append(",\"arousal\":").append(p.arousal().isPresent() ? num(p.arousal().getAsDouble()) : "null");
            s.append(",\"modalities\":\"").append(CsvTimelineWriter.modalities(p)).append('"');
        } else {
            s.append(",\"label\":null");
        }
        s.append(",\"real_seconds\":").append(num(r.realSeconds())).append(",\"mostly_padded\":").append(r.mostlyPadded());
        s.append(",\"note\":").append(quote(r.note())).append("}\n");
        out.write(s.toString());
    }

    /**
     * {@code s} as a JSON string literal, quotes included (quote, backslash and control characters escaped); the one
     * JSON string writer of the library.
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? CsvTimelineWriter.fmt(v) : "null";
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
