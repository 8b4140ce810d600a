/**
 * Samples to network input: the seed's log-mel spectrogram ({@link org.affect4j.audio.features.MelFrontend} under a
 * {@link org.affect4j.audio.features.MelConfig}), the window the model scores ({@link org.affect4j.audio.features.WindowPlacement},
 * speech activity), the utterance statistics of the default model
 * ({@link org.affect4j.audio.features.UtteranceStatistics}), the input scaler and speaker calibration, all described by one
 * {@link org.affect4j.audio.features.SpeechInput}.
 */
package org.affect4j.audio.features;
