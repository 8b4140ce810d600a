package org.affect4j.vision.face;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.affect4j.vision.io.OpenFaceCsv;

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

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Frame[%d at %.3f s, confidence %.2f, %s, %d landmarks in %s]", frame, timestamp,
                    confidence, success ? "tracked" : "not tracked", xs.length, box());
        }
    }

    private final Path source;
    private final List<Frame> frames;

    private LandmarkTrack(Path source, List<Frame> frames) {
        this.source = source;
        this.frames = Collections.unmodifiableList(frames);
    }

    public static LandmarkTrack read(Path csv) {
        OpenFaceCsv table = OpenFaceCsv.read(csv, "landmark file");
        String what = "landmark CSV";
        int frameCol = table.need("frame", what);
        int tsCol = table.need("timestamp", what);
        int confCol = table.need("confidence", what);
        Integer successCol = table.column("success");
        int[] xCol = new int[POINTS];
        int[] yCol = new int[POINTS];
        for (int i = 0; i < POINTS; i++) {
            xCol[i] = table.need("x_" + i, what);
            yCol[i] = table.need("y_" + i, what);
        }
        List<Frame> frames = new ArrayList<>();
        for (OpenFaceCsv.Row row : table.rows()) {
            float[] xs = new float[POINTS];
            float[] ys = new float[POINTS];
            for (int i = 0; i < POINTS; i++) {
                xs[i] = (float) table.number(row, xCol[i]);
                ys[i] = (float) table.number(row, yCol[i]);
            }
            boolean success = successCol == null || table.number(row, successCol) != 0;
            frames.add(new Frame((int) table.number(row, frameCol), table.number(row, tsCol),
                    table.number(row, confCol), success, xs, ys));
        }
        return new LandmarkTrack(csv, frames);
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
