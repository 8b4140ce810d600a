package org.affect4j.core;

/** An input channel a prediction can draw on. */
public enum Modality {
    SPEECH, VIDEO
}
