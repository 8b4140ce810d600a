/**
 * Training the multimodal models: the seed's fusion model ({@link org.affect4j.fusion.train.MultimodalTrainingTask}) and
 * the action-unit fusion's cross-validation ({@link org.affect4j.fusion.train.ActionUnitFusionCv}). Not needed for inference.
 */
package org.affect4j.fusion.train;
