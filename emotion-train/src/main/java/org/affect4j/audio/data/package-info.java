/**
 * RAVDESS speech through DataVec: a record reader yielding mel features and labels
 * ({@link org.affect4j.audio.data.SpeechRecordReader}) and an on-disk cache of computed features.
 */
package org.affect4j.audio.data;
