package org.affect4j.core;

import java.util.Objects;

/**
 * One face in a multimodal window: the video model's result for it, and the fused prediction — speech + video
 * through the fusion layer when speech was usable ({@code fused.modalities()} = SPEECH, VIDEO), otherwise the video
 * model's own prediction (modalities = VIDEO).
 */
public record FusedFace(FaceResult video, Prediction fused) {
    /** @throws NullPointerException if {@code video} or {@code fused} is null */
    public FusedFace {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(fused, "fused");
    }
}
