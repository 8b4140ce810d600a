package org.affect4j.core.timeline;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.affect4j.core.Box;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;

/**
 * Writes timeline rows as CSV with the seed's columns: clip index, start and end timestamps, face position, label,
 * probabilities — plus confidence, valence, arousal, modalities, real seconds, {@code mostly_padded}
 * ({@link TimelineRow#mostlyPadded()}) and a note. Not thread-safe.
 */
public final class CsvTimelineWriter implements TimelineSink {

    private final Writer out;

    public CsvTimelineWriter(Writer out) throws IOException {
        this.out = out;
        StringBuilder h = new StringBuilder("clip,start,end,face,x0,y0,x1,y1,label,confidence");
        for (Emotion e : Emotion.values()) {
            h.append(",p_").append(e.label());
        }
        h.append(",valence,arousal,modalities,real_seconds,mostly_padded,note\n");
        out.write(h.toString());
    }

    @Override
    public void accept(TimelineRow r) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(r.clip()).append(',').append(fmt(r.start())).append(',').append(fmt(r.end())).append(',').append(r.face());
        if (r.box().isPresent()) {
            Box b = r.box().get();
            s.append(',').append(fmt(b.x0())).append(',').append(fmt(b.y0())).append(',').append(fmt(b.x1())).append(',').append(fmt(b.y1()));
        } else {
            s.append(",,,,");
        }
        if (r.prediction().isPresent()) {
            Prediction p = r.prediction().get();
            s.append(',').append(p.emotion().label()).append(',').append(fmt(p.confidence()));
            for (Emotion e : Emotion.values()) {
                s.append(',').append(fmt(p.probability(e)));
            }
            s.append(',').append(p.valence().isPresent() ? fmt(p.valence().getAsDouble()) : "");
            s.append(',').append(p.arousal().isPresent() ? fmt(p.arousal().getAsDouble()) : "");
            s.append(',').append(modalities(p));
        } else {
            s.append(",,").append(",".repeat(Emotion.values().length)).append(",,,");
        }
        s.append(',').append(fmt(r.realSeconds())).append(',').append(r.mostlyPadded()).append(',').append(quote(r.note())).append('\n');
        out.write(s.toString());
    }

    static String modalities(Prediction p) {
        return p.modalities().stream().map(m -> m.name().toLowerCase(Locale.ROOT))
                .reduce((a, b) -> a + "+" + b).orElse("");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        if (s.isEmpty()) {
            return "";
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
