/**
 * The public entry point: {@link org.affect4j.EmotionDetector} hands out builders for the
 * {@link org.affect4j.audio.SpeechDetector}, {@link org.affect4j.VideoDetector} and {@link org.affect4j.MultimodalDetector}; each
 * loads a bundled model with {@code load()} or the user's files with {@code load(Path...)}, and predicts on a
 * {@link org.affect4j.core.Clip}. Builders are single-threaded; loaded detectors are thread-safe and
 * {@link java.lang.AutoCloseable}. {@code org.affect4j.audio.train.SpeechEvaluation} (emotion-train) scores a detector on a labelled corpus.
 */
package org.affect4j;
