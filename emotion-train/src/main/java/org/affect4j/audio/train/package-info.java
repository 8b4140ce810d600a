/**
 * Training the speech models: the seed's recipe and the options beyond it ({@link org.affect4j.audio.train.SpeechTraining},
 * {@link org.affect4j.audio.train.SpeechTrainingTask}, augmentation, the scaler fit) and the default utterance model's recipe
 * ({@link org.affect4j.audio.train.UtteranceTraining}). Not needed for inference.
 */
package org.affect4j.audio.train;
