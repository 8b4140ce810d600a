package org.affect4j.core;

/** Why a modality did not contribute to a result (e.g. {@code MultimodalResult.speechMissing()}). */
public enum MissingReason {
    /** The media file has no audio stream. */
    NO_AUDIO_TRACK("no audio track"),
    /** The analysed audio window was silent (at or below the detector's silence threshold). */
    SILENT_AUDIO("silent audio in the window"),
    /** No face was found in the analysed frames. */
    NO_FACE("no face found");

    private final String description;

    MissingReason(String description) {
        this.description = description;
    }

    /** A short English description, as written in timeline notes and error messages. */
    public String description() {
        return description;
    }
}
