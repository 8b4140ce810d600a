/**
 * Training the vision models: the seed's video model ({@link org.affect4j.vision.train.VideoTrainingTask}) and the
 * library's face CNN ({@link org.affect4j.vision.train.FaceTrainingTask}). Not needed for inference.
 */
package org.affect4j.vision.train;
