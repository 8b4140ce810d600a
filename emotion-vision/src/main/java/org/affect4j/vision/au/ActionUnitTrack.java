package org.affect4j.vision.au;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.affect4j.core.MediaException;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.LandmarkTrack;
import org.affect4j.vision.io.OpenFaceCsv;

/**
 * Per-frame facial action units read from an OpenFace 2.x CSV (the RAVDESS landmark-tracking form or OpenFace's own
 * output; {@link OpenFaceCsv}), and their clip-level mean, computed as the RAVDESS action-unit training features were
 * (see {@link #mean(double, double)}). Immutable.
 */
public final class ActionUnitTrack {

    /**
     * One frame: number, timestamp (s), tracking confidence, OpenFace's success flag (true when the file has none), the
     * 35 values, and the box around the 68 landmarks (null when the file has no {@code x_i}/{@code y_i} columns).
     */
    public record Frame(int frame, double timestamp, double confidence, boolean success, float[] values, FaceBox box) {
        public Frame {
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Frame[%d at %.3f s, confidence %.2f, %s, %s, box %s]", frame, timestamp, confidence,
                    success ? "tracked" : "not tracked", java.util.Arrays.toString(values), box);
        }
    }

    private final Path source;
    private final List<Frame> frames;

    private ActionUnitTrack(Path source, List<Frame> frames) {
        this.source = source;
        this.frames = Collections.unmodifiableList(frames);
    }

    /**
     * @throws MediaException naming the file: not readable, not an OpenFace CSV with all 35 action-unit columns, a
     *                        field that is not a finite number, no frames
     */
    public static ActionUnitTrack read(Path csv) {
        OpenFaceCsv table = OpenFaceCsv.read(csv, "action-unit file");
        String what = "action-unit CSV";
        int frameCol = table.need("frame", what);
        int tsCol = table.need("timestamp", what);
        int confCol = table.need("confidence", what);
        Integer successCol = table.column("success");
        int[] cols = new int[ActionUnits.COUNT];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = table.need(ActionUnits.NAMES.get(i), what);
        }
        int[] xCol = new int[LandmarkTrack.POINTS];
        int[] yCol = new int[LandmarkTrack.POINTS];
        boolean landmarks = true;
        for (int i = 0; i < LandmarkTrack.POINTS && landmarks; i++) {
            Integer x = table.column("x_" + i);
            Integer y = table.column("y_" + i);
            landmarks = x != null && y != null;
            if (landmarks) {
                xCol[i] = x;
                yCol[i] = y;
            }
        }
        List<Frame> frames = new ArrayList<>();
        for (OpenFaceCsv.Row row : table.rows()) {
            float[] v = new float[cols.length];
            for (int i = 0; i < cols.length; i++) {
                v[i] = (float) table.number(row, cols[i]);
            }
            boolean success = successCol == null || table.number(row, successCol) != 0;
            FaceBox box = null;
            if (landmarks) {
                float[] xs = new float[xCol.length];
                float[] ys = new float[yCol.length];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = (float) table.number(row, xCol[i]);
                    ys[i] = (float) table.number(row, yCol[i]);
                }
                box = FaceBox.enclosing(xs, ys);
            }
            frames.add(new Frame((int) table.number(row, frameCol), table.number(row, tsCol), table.number(row, confCol), success, v, box));
        }
        return new ActionUnitTrack(csv, frames);
    }

    public Path source() {
        return source;
    }

    public List<Frame> frames() {
        return frames;
    }

    /** Frames with {@code from <= timestamp < to}. */
    public int framesIn(double from, double to) {
        int n = 0;
        for (Frame f : frames) {
            n += f.timestamp() >= from && f.timestamp() < to ? 1 : 0;
        }
        return n;
    }

    /** Mean landmark box of the tracked frames in [from, to), or null when the file has no landmarks or no such frame. */
    public FaceBox meanBox(double from, double to) {
        List<FaceBox> boxes = new ArrayList<>();
        for (Frame f : frames) {
            if (f.success() && f.timestamp() >= from && f.timestamp() < to) {
                boxes.add(f.box());
            }
        }
        return FaceBox.mean(boxes);
    }

    /** {@link #mean(double, double)} over the whole track. */
    public ActionUnits mean() {
        return mean(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * The mean of every action-unit value over the frames with {@code from <= timestamp < to} whose face was tracked
     * (OpenFace's {@code success} flag, when the file has one): a plain arithmetic mean in double precision, the way
     * the RAVDESS training features average a clip's frames (checked against them on the shared RAVDESS CSV, see the
     * tests).
     *
     * @throws MediaException naming the file when no tracked frame lies in the window
     */
    public ActionUnits mean(double from, double to) {
        double[] sum = new double[ActionUnits.COUNT];
        int n = 0;
        for (Frame f : frames) {
            if (f.success() && f.timestamp() >= from && f.timestamp() < to) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += f.values[i];
                }
                n++;
            }
        }
        if (n == 0) {
            throw new MediaException(source, "no tracked face frame (OpenFace success) in " + from + "-" + to + " s: no action units to average");
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = (float) (sum[i] / n);
        }
        return ActionUnits.of(mean, n);
    }
}
