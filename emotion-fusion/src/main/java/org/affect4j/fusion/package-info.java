/**
 * Combining speech and face: late fusion of the two modalities' probabilities ({@link org.affect4j.fusion.LateFusion}), the
 * seed's trained fusion layer over both models' logits ({@link org.affect4j.fusion.MultimodalModel}), the action-unit
 * fusion ({@link org.affect4j.fusion.ActionUnitFusion}), and their results ({@link org.affect4j.core.MultimodalResult},
 * one {@link org.affect4j.core.FusedFace} per face).
 */
package org.affect4j.fusion;
