/**
 * Audio in and out: WAV decoding to mono float samples as librosa reads them ({@link org.affect4j.audio.io.WavDecoder},
 * typed errors for truncated, corrupt or non-finite files), resampling, WAV writing, and the degradations the robustness
 * measurements apply in code ({@link org.affect4j.audio.io.Degradations}: resampling, telephone band, gain, cuts).
 */
package org.affect4j.audio.io;
