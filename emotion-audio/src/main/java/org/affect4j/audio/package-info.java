/**
 * Speech models: {@link org.affect4j.audio.SpeechModel} turns a clip into logits (window, features, network), loaded from
 * the seed's PyTorch checkpoint and scaler, from an Affect4J archive ({@link org.affect4j.audio.SpeechModelArchive}) or
 * from a model bundled in this jar ({@link org.affect4j.audio.BundledSpeechModel}). The user-facing detector is
 * {@link org.affect4j.audio.SpeechDetector} ({@link org.affect4j.audio.SpeechDetector#builder()});
 * {@code org.affect4j.audio.train.SpeechEvaluation} (emotion-train) scores it on a labelled corpus. The data flow, one package per stage: {@code io} (file to
 * samples), {@code features} (samples to mel or utterance statistics), {@code net} (features to logits).
 */
package org.affect4j.audio;
