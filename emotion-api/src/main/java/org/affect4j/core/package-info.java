/**
 * The library's value types and exceptions, shared by every module: what to predict on ({@link org.affect4j.core.Clip}),
 * what comes back ({@link org.affect4j.core.Prediction}, its {@link org.affect4j.core.Emotion}, {@link org.affect4j.core.Span}
 * and {@link org.affect4j.core.Modality}), the label order of each model ({@link org.affect4j.core.LabelOrder}), and the
 * typed failures: {@link org.affect4j.core.Affect4jException} and its subclasses {@link org.affect4j.core.MediaException}
 * (unreadable, corrupt or unsupported media), {@link org.affect4j.core.SilentAudioException} and
 * {@link org.affect4j.core.CheckpointException} (a model file that is malformed or hostile). Every type here is immutable.
 */
package org.affect4j.core;
