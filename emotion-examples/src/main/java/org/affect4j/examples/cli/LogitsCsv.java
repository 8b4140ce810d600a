package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;

/**
 * The per-file logits table that {@code affect4j eval --out} writes and {@code affect4j ensemble} reads: a header
 * {@code file,actor,label,pred,logit_<emotion>...} (the logit columns in the model's label order), then one row per
 * file with its true label (from the RAVDESS name), the predicted label and the logits.
 */
final class LogitsCsv {

    private static final String PREFIX = "logit_";
    private static final List<String> FIXED = List.of("file", "actor", "label", "pred");

    /** One evaluated file. {@code logits[k]} belongs to {@code Table.order().get(k)}. */
    record Row(String file, int actor, Emotion truth, Emotion predicted, float[] logits) {
    }

    /** A whole CSV: where it came from, its label order and its rows in file order. */
    record Table(Path source, LabelOrder order, List<Row> rows) {
        Table {
            rows = List.copyOf(rows);
        }
    }

    private LogitsCsv() {
    }

    static void write(Path csv, LabelOrder order, List<Row> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(csv)) {
            StringBuilder header = new StringBuilder(String.join(",", FIXED));
            for (Emotion e : order.emotions()) {
                header.append(',').append(PREFIX).append(e.label());
            }
            w.write(header + System.lineSeparator());
            for (Row r : rows) {
                StringBuilder row = new StringBuilder(r.file()).append(',').append(r.actor()).append(',')
                        .append(r.truth().label()).append(',').append(r.predicted().label());
                for (float v : r.logits()) {
                    row.append(',').append(String.format(Locale.ROOT, "%.6f", v));
                }
                w.write(row + System.lineSeparator());
            }
        }
    }

    /**
     * Reads a table written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the file and line if it is not such a table (wrong header, wrong
     *                                  number of columns, a label or number that does not parse, no rows)
     */
    static Table read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty: expected a logits CSV written by `affect4j eval --out`");
        }
        String[] header = lines.get(0).split(",", -1);
        if (header.length <= FIXED.size() || !List.of(header).subList(0, FIXED.size()).equals(FIXED)) {
            throw new IllegalArgumentException(csv + ": line 1 is not the header of a logits CSV written by `affect4j eval --out`"
                    + " (expected " + String.join(",", FIXED) + ",logit_<emotion>...)");
        }
        List<Emotion> order = new ArrayList<>();
        for (int c = FIXED.size(); c < header.length; c++) {
            if (!header[c].startsWith(PREFIX)) {
                throw new IllegalArgumentException(csv + ": line 1, column " + (c + 1) + " is '" + header[c] + "', expected logit_<emotion>");
            }
            Emotion e = emotion(csv, 1, header[c].substring(PREFIX.length()));
            if (order.contains(e)) {
                throw new IllegalArgumentException(csv + ": line 1 names logit_" + e.label() + " twice");
            }
            order.add(e);
        }
        if (order.size() != Emotion.values().length) {
            throw new IllegalArgumentException(csv + ": line 1 has logits for " + order.size() + " emotions, expected all "
                    + Emotion.values().length);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(csv + ": line " + (i + 1) + " has " + cells.length + " columns, the header " + header.length);
            }
            float[] logits = new float[order.size()];
            for (int k = 0; k < logits.length; k++) {
                logits[k] = number(csv, i + 1, cells[FIXED.size() + k]);
            }
            int actor;
            try {
                actor = Integer.parseInt(cells[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + ": line " + (i + 1) + ": actor '" + cells[1] + "' is not a number");
            }
            rows.add(new Row(cells[0], actor, emotion(csv, i + 1, cells[2]), emotion(csv, i + 1, cells[3]), logits));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(csv + " has a header but no rows");
        }
        return new Table(csv, LabelOrder.of(csv.getFileName().toString(), order), rows);
    }

    private static Emotion emotion(Path csv, int line, String label) {
        try {
            return Emotion.fromLabel(label.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(csv + ": line " + line + ": '" + label + "' is not an emotion label", e);
        }
    }

    private static float number(Path csv, int line, String cell) {
        try {
            float v = Float.parseFloat(cell.trim());
            if (!Float.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + ": line " + line + ": logit '" + cell + "' is not a finite number");
        }
    }
}
