package org.affect4j.audio.features;

/**
 * Where a speech model's fixed-length window is cut from a clip.
 */
public enum WindowPlacement {
    /** At the configured offset (the seed: 0.5 s), whatever the clip holds. The reference behaviour. */
    FIXED,
    /**
     * At the window holding the most speech ({@link SpeechActivity#bestWindowStart}): for a 30 s file the most
     * speech-active 3 s, for a clip whose speech starts at once the start of the speech.
     */
    SPEECH_ACTIVE,
    /**
     * The fixed window when it holds at least {@value #KEEP_FIXED_FRACTION} of the clip's active frames (clips like
     * the training clips: the measured accuracy stands), else the speech-active window.
     */
    AUTO;

    /** Share of the clip's speech the fixed window must hold for {@link #AUTO} to keep it. */
    public static final double KEEP_FIXED_FRACTION = 0.9;
}
