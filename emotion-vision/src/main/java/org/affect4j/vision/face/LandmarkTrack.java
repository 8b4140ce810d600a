package org.affect4j.vision.face;

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
 * 68-point facial landmarks per video frame, read from an OpenFace CSV — both as the RAVDESS Facial Landmark
 * Tracking set ships them (comma-separated, CRLF, no {@code success} column) and as OpenFace 2.x writes them
 * (", " separators, with {@code success}). Columns are found by name ({@code frame}, {@code timestamp},
 * {@code confidence}, optional {@code success}, {@code x_0..x_67}, {@code y_0..y_67}). Immutable.
 */
public final class LandmarkTrack {

    public static final int POINTS = 68;

    /** One frame's landmarks. {@code success} is true when the file has no such column. */
    public record Frame(int frame, double timestamp, double confidence, boolean success, float[] xs, float[] ys) {
        public FaceBox box() {
            return FaceBox.enclosing(xs, ys);
        }
    }

    private final Path source;
    private final List<Frame> frames;

    private LandmarkTrack(Path source, List<Frame> frames) {
        this.source = source;
        this.frames = Collections.unmodifiableList(frames);
    }

    public static LandmarkTrack read(Path csv) {
        InputFiles.requireRegular(csv, MediaException::new);
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MediaException(csv, "landmark file not found");
        } catch (IOException e) {
            throw new MediaException(csv, "cannot read landmark file: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new MediaException(csv, "empty landmark file");
        }
        String[] header = split(lines.get(0));
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i], i);
        }
        int frameCol = need(csv, col, "frame");
        int tsCol = need(csv, col, "timestamp");
        int confCol = need(csv, col, "confidence");
        Integer successCol = col.get("success");
        int[] xCol = new int[POINTS];
        int[] yCol = new int[POINTS];
        for (int i = 0; i < POINTS; i++) {
            xCol[i] = need(csv, col, "x_" + i);
            yCol[i] = need(csv, col, "y_" + i);
        }
        List<Frame> frames = new ArrayList<>();
        for (int li = 1; li < lines.size(); li++) {
            String line = lines.get(li);
            if (line.isBlank()) {
                continue;
            }
            String[] f = split(line);
            if (f.length != header.length) {
                throw new MediaException(csv, "line " + (li + 1) + " has " + f.length + " fields, the header " + header.length);
            }
            try {
                float[] xs = new float[POINTS];
                float[] ys = new float[POINTS];
                for (int i = 0; i < POINTS; i++) {
                    xs[i] = Float.parseFloat(f[xCol[i]]);
                    ys[i] = Float.parseFloat(f[yCol[i]]);
                }
                boolean success = successCol == null || Double.parseDouble(f[successCol]) != 0;
                frames.add(new Frame((int) Double.parseDouble(f[frameCol]), Double.parseDouble(f[tsCol]),
                        Double.parseDouble(f[confCol]), success, xs, ys));
            } catch (NumberFormatException e) {
                throw new MediaException(csv, "line " + (li + 1) + ": not a number (" + e.getMessage() + ")");
            }
        }
        if (frames.isEmpty()) {
            throw new MediaException(csv, "landmark file has a header but no frames");
        }
        return new LandmarkTrack(csv, frames);
    }

    private static String[] split(String line) {
        String[] parts = line.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    private static int need(Path csv, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        if (i == null) {
            throw new MediaException(csv, "not an OpenFace landmark CSV: no '" + name + "' column");
        }
        return i;
    }

    public Path source() {
        return source;
    }

    public List<Frame> frames() {
        return frames;
    }

    /** The landmark frame whose timestamp is nearest to {@code seconds}. */
    public Frame nearest(double seconds) {
        Frame best = frames.get(0);
        for (Frame f : frames) {
            if (Math.abs(f.timestamp() - seconds) < Math.abs(best.timestamp() - seconds)) {
                best = f;
            }
        }
        return best;
    }
}
