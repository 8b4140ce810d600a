package org.affect4j.fusion.timeline;

import java.io.IOException;
import java.io.Writer;
import org.affect4j.core.Emotion;

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
        if (r.box() != null) {
            s.append(",\"box\":[").append(num(r.box().x0())).append(',').append(num(r.box().y0())).append(',')
                    .append(num(r.box().x1())).append(',').append(num(r.box().y1())).append(']');
        } else {
            s.append(",\"box\":null");
        }
        if (r.prediction() != null) {
            s.append(",\"label\":\"").append(r.prediction().emotion().label()).append("\",\"confidence\":").append(num(r.prediction().confidence()));
            s.append(",\"probabilities\":{");
            boolean first = true;
            for (Emotion e : Emotion.values()) {
                s.append(first ? "" : ",").append('"').append(e.label()).append("\":").append(num(r.prediction().probability(e)));
                first = false;
            }
            s.append('}');
            s.append(",\"valence\":").append(r.prediction().valence().isPresent() ? num(r.prediction().valence().getAsDouble()) : "null");
            s.append(",\"arousal\":").append(r.prediction().arousal().isPresent() ? num(r.prediction().arousal().getAsDouble()) : "null");
            s.append(",\"modalities\":\"").append(CsvTimelineWriter.modalities(r)).append('"');
        } else {
            s.append(",\"label\":null");
        }
        s.append(",\"real_seconds\":").append(num(r.realSeconds())).append(",\"mostly_padded\":").append(r.mostlyPadded());
        s.append(",\"note\":").append(org.affect4j.core.checkpoint.Json.quote(r.note() == null ? "" : r.note())).append("}\n");
        out.write(s.toString());
    }

    private static String num(double v) {
        return Double.isFinite(v) ? CsvTimelineWriter.fmt(v) : "null";
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
