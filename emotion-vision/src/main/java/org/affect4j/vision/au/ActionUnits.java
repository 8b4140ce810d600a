package org.affect4j.vision.au;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Clip-level facial action units: the 35 values OpenFace 2.x writes per frame — 17 intensities
 * ({@code AU01_r … AU45_r}, 0–5) then 18 presences ({@code AU01_c … AU45_c}, 0/1, with {@code AU28_c}, which has no
 * intensity) — averaged over a clip's frames. This is the input of the action-unit face branch
 * ({@link ActionUnitClassifier}) and the layout of the RAVDESS action-unit features it was trained on. Immutable.
 */
public final class ActionUnits {

    /** Intensity columns, in OpenFace's order. */
    public static final List<String> INTENSITIES = List.of("AU01_r", "AU02_r", "AU04_r", "AU05_r", "AU06_r", "AU07_r",
            "AU09_r", "AU10_r", "AU12_r", "AU14_r", "AU15_r", "AU17_r", "AU20_r", "AU23_r", "AU25_r", "AU26_r", "AU45_r");

    /** Presence columns, in OpenFace's order. */
    public static final List<String> PRESENCES = List.of("AU01_c", "AU02_c", "AU04_c", "AU05_c", "AU06_c", "AU07_c",
            "AU09_c", "AU10_c", "AU12_c", "AU14_c", "AU15_c", "AU17_c", "AU20_c", "AU23_c", "AU25_c", "AU26_c", "AU28_c", "AU45_c");

    /** All 35 columns: {@link #INTENSITIES} then {@link #PRESENCES}. */
    public static final List<String> NAMES;

    /** Number of values (35). */
    public static final int COUNT;

    static {
        List<String> all = new ArrayList<>(INTENSITIES);
        all.addAll(PRESENCES);
        NAMES = Collections.unmodifiableList(all);
        COUNT = NAMES.size();
    }

    private final float[] values;
    private final int frames;

    private ActionUnits(float[] values, int frames) {
        this.values = values;
        this.frames = frames;
    }

    /**
     * @param values {@link #COUNT} finite values in {@link #NAMES} order
     * @param frames how many frames were averaged (0 when unknown, e.g. precomputed features)
     * @throws IllegalArgumentException on a wrong length, a non-finite value or a negative frame count
     */
    public static ActionUnits of(float[] values, int frames) {
        if (values.length != COUNT) {
            throw new IllegalArgumentException("action units need " + COUNT + " values, got " + values.length);
        }
        for (int i = 0; i < COUNT; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(NAMES.get(i) + " is " + values[i]);
            }
        }
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0, got " + frames);
        }
        return new ActionUnits(values.clone(), frames);
    }

    /** The 35 values in {@link #NAMES} order (a copy). */
    public float[] values() {
        return values.clone();
    }

    /** The value of column {@code name} (e.g. {@code "AU12_r"}). */
    public float get(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no action unit '" + name + "'; known: " + NAMES);
        }
        return values[i];
    }

    /** Frames averaged (0 when unknown). */
    public int frames() {
        return frames;
    }

    /** The largest absolute difference to {@code other}, value by value. */
    public double maxAbsDifference(ActionUnits other) {
        double m = 0;
        for (int i = 0; i < COUNT; i++) {
            m = Math.max(m, Math.abs(values[i] - other.values[i]));
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ActionUnits[frames=").append(frames);
        for (int i = 0; i < INTENSITIES.size(); i++) {
            s.append(", ").append(NAMES.get(i)).append('=').append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return s.append(", presences ").append(PRESENCES.size()).append(']').toString();
    }
}
