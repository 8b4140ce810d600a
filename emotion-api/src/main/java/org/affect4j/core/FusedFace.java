package org.affect4j.core;


/**
 * One face in a multimodal window: the video model's result for it, and the fused prediction — speech + video
 * through the fusion layer when speech was usable ({@code fused.modalities()} = SPEECH, VIDEO), otherwise the video
 * model's own prediction (modalities = VIDEO).
 */
public record FusedFace(FaceResult video, Prediction fused) {
}
