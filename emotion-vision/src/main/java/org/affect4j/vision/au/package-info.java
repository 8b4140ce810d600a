/**
 * The action-unit face branch: OpenFace 2.x action units read from a CSV ({@link org.affect4j.vision.au.ActionUnitTrack})
 * or from the RAVDESS clip-level features ({@code org.affect4j.vision.data.RavdessActionUnits} in emotion-train), averaged per clip
 * ({@link org.affect4j.vision.au.ActionUnits}), classified by a small trained network
 * ({@link org.affect4j.vision.au.ActionUnitClassifier}; trained with {@code org.affect4j.vision.train.ActionUnitTrainingTask} in emotion-train).
 * Its fusion with speech lives in {@code org.affect4j.fusion.ActionUnitFusion}.
 */
package org.affect4j.vision.au;
