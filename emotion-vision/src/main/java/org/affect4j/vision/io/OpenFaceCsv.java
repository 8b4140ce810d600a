package org.affect4j.vision.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.affect4j.core.MediaException;
import org.affect4j.core.io.InputFiles;

/**
 * The table of an OpenFace 2.x CSV, in both forms the library reads: as the RAVDESS Facial Landmark Tracking set
 * ships it (comma-separated, CRLF, no {@code success} column) and as OpenFace writes it (", " separators). Columns are
 * found by name; every data row must have the header's number of fields. Files over {@link #MAX_BYTES} are refused
 * before they are read. Immutable.
 */
public final class OpenFaceCsv {

    /** Largest CSV read (an hour of 30 fps OpenFace output is about 1 GB of text; split longer recordings). */
    public static final long MAX_BYTES = 1L << 30;

    /** One data row: its 1-based line number in the file and its fields (trimmed). */
    public record Row(int line, String[] fields) {
    }

    private final Path source;
    private final Map<String, Integer> columns;
    private final List<Row> rows;

    private OpenFaceCsv(Path source, Map<String, Integer> columns, List<Row> rows) {
        this.source = source;
        this.columns = Collections.unmodifiableMap(columns);
        this.rows = Collections.unmodifiableList(rows);
    }

    /**
     * @param what what the caller expects the file to be ("landmark file", "action-unit file"), for messages
     * @throws MediaException naming the file: missing, not a regular file, too large, empty, no data rows, or a row
     *                        with the wrong number of fields
     */
    public static OpenFaceCsv read(Path csv, String what) {
        InputFiles.requireRegular(csv, MediaException::new);
        List<String> lines;
        try {
            long size = Files.size(csv);
            if (size > MAX_BYTES) {
                throw new MediaException(csv, what + " is " + size + " bytes, over the " + MAX_BYTES + "-byte limit");
            }
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MediaException(csv, what + " not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MediaException(csv, notText(what), e);
        } catch (IOException e) {
            throw new MediaException(csv, "cannot read " + what + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new MediaException(csv, "empty " + what);
        }
        for (String line : lines) {
            if (line.indexOf('\u0000') >= 0) {
                throw new MediaException(csv, notText(what));
            }
        }
        String[] header = split(lines.get(0));
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i], i);
        }
        List<Row> rows = new ArrayList<>();
        for (int li = 1; li < lines.size(); li++) {
            String line = lines.get(li);
            if (line.isBlank()) {
                continue;
            }
            String[] f = split(line);
            if (f.length != header.length) {
                throw new MediaException(csv, "line " + (li + 1) + " has " + f.length + " fields, the header " + header.length);
            }
            rows.add(new Row(li + 1, f));
        }
        if (rows.isEmpty()) {
            throw new MediaException(csv, what + " has a header but no frames");
        }
        return new OpenFaceCsv(csv, col, rows);
    }

    private static String[] split(String line) {
        String[] parts = line.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    public Path source() {
        return source;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The index of column {@code name}, if the header has it. */
    public Integer column(String name) {
        return columns.get(name);
    }

    /**
     * The index of column {@code name}.
     *
     * @throws MediaException naming the file when the header lacks it
     */
    public int need(String name, String what) {
        Integer i = columns.get(name);
        if (i == null) {
            throw new MediaException(source, "not an OpenFace " + what + ": no '" + name + "' column");
        }
        return i;
    }

    /**
     * Field {@code column} of {@code row} as a number.
     *
     * @throws MediaException naming the file and line when it does not parse or is not finite
     */
    public double number(Row row, int column) {
        String s = row.fields()[column];
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new MediaException(source, "line " + row.line() + ": not a number: '" + s + "'");
        }
        if (!Double.isFinite(v)) {
            throw new MediaException(source, "line " + row.line() + ": not a finite number: '" + s + "'");
        }
        return v;
    }

    private static String notText(String what) {
        return "not a text CSV (binary bytes where UTF-8 text was expected): a " + what + " is the CSV OpenFace 2.x writes";
    }
}
