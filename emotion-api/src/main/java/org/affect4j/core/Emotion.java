package org.affect4j.core;

import java.util.Locale;

/**
 * The eight emotions of the RAVDESS corpus, in RAVDESS's own numbering (file-name field 3: 01 neutral
 * ... 08 surprised). The order a network emits its logits in is a separate concern: see {@link LabelOrder}.
 */
public enum Emotion {
    /** RAVDESS code 01. */
    NEUTRAL(1),
    /** RAVDESS code 02 (RAVDESS's speech only; most face-expression models lack it). */
    CALM(2),
    /** RAVDESS code 03. */
    HAPPY(3),
    /** RAVDESS code 04. */
    SAD(4),
    /** RAVDESS code 05. */
    ANGRY(5),
    /** RAVDESS code 06. */
    FEARFUL(6),
    /** RAVDESS code 07. */
    DISGUST(7),
    /** RAVDESS code 08. */
    SURPRISED(8);

    private final int ravdessCode;

    Emotion(int ravdessCode) {
        this.ravdessCode = ravdessCode;
    }

    /** The RAVDESS emotion code (1..8) as it appears in file names. */
    public int ravdessCode() {
        return ravdessCode;
    }

    /** Lower-case label, e.g. {@code "fearful"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException if {@code code} is not 1..8
     */
    public static Emotion fromRavdessCode(int code) {
        if (code < 1 || code > 8) {
            throw new IllegalArgumentException("RAVDESS emotion code must be 1..8, got " + code);
        }
        return values()[code - 1];
    }

    /**
     * The emotion whose {@link #label()} is {@code label} (case-insensitive).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Emotion fromLabel(String label) {
        for (Emotion e : values()) {
            if (e.label().equalsIgnoreCase(String.valueOf(label).trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown emotion label '" + label + "' (expected one of neutral, calm, happy, sad, "
                + "angry, fearful, disgust, surprised)");
    }
}
