package org.affect4j.core;

/** An input channel a prediction can draw on. */
public enum Modality {
    /** The audio track: a speech model's prediction. */
    SPEECH,
    /** The pictures: a face model's prediction. */
    VIDEO
}
