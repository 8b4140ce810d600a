/**
 * The speech networks, each runnable as a SameDiff graph or as eager plain-array code: the seed's parallel 2D-CNN +
 * Transformer encoder ({@link org.affect4j.audio.net.SpeechNet}, {@link org.affect4j.audio.net.EagerSpeechNet}) and the
 * default model's ensemble of small MLPs ({@link org.affect4j.audio.net.UtteranceNet}).
 */
package org.affect4j.audio.net;
