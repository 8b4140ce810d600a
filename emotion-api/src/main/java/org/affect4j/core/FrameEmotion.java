package org.affect4j.core;

import java.util.Objects;

/**
 * One video frame's expression for one tracked face (the bundled per-frame models).
 *
 * @param seconds    the frame's timestamp in the file
 * @param box        the face box the crop was taken from (pixels)
 * @param prediction the face model's probabilities for this frame alone
 */
public record FrameEmotion(double seconds, Box box, Prediction prediction) {
    /** @throws NullPointerException if {@code box} or {@code prediction} is null */
    public FrameEmotion {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(prediction, "prediction");
    }
}
