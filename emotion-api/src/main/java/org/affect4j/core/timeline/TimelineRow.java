package org.affect4j.core.timeline;

import java.util.Objects;
import java.util.Optional;
import org.affect4j.core.Box;
import org.affect4j.core.Prediction;

/**
 * One row of a timeline: one window and one face (or the speech-only result of a window). Immutable; no component
 * is null.
 *
 * @param clip        window index from 0
 * @param start       window start (s)
 * @param end         window end (s)
 * @param face        stable face id across windows, or −1 for a speech-only row
 * @param box         mean face box in the window (empty for speech-only rows)
 * @param prediction  the emotion (fused, video-only or speech-only: see its modalities); empty when the window had
 *                    neither a face nor usable speech ({@link #note()} says why)
 * @param realSeconds seconds of real media in the window (the rest was padded)
 * @param note        why a modality was missing, or empty
 */
public record TimelineRow(int clip, double start, double end, int face, Optional<Box> box, Optional<Prediction> prediction,
                          double realSeconds, String note) {

    /**
     * Below this fraction of real media a window is {@linkplain #mostlyPadded() mostly padding}: its prediction is
     * mostly about the zeros the models were padded with (e.g. a recording's last, short window).
     */
    public static final double MIN_REAL_FRACTION = 0.5;

    /** @throws NullPointerException if {@code box}, {@code prediction} or {@code note} is null */
    public TimelineRow {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(note, "note");
    }

    /** Fraction of the window that held real media (0..1). */
    public double realFraction() {
        double len = end - start;
        return len > 0 ? Math.min(1, Math.max(0, realSeconds / len)) : 0;
    }

    /** True when less than {@link #MIN_REAL_FRACTION} of the window was real media (the writers' {@code mostly_padded}). */
    public boolean mostlyPadded() {
        return realFraction() < MIN_REAL_FRACTION;
    }
}
