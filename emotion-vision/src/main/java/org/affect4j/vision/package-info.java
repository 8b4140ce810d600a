/**
 * Face-video path (EmoNet, EmoNet-LSTM, face crops, JavaCV decoding). Not implemented yet: see the video issue.
 */
package org.affect4j.vision;
