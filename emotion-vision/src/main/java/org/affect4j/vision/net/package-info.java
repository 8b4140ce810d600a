/**
 * The vision networks, ported op for op: EmoNet (hourglass face-alignment network with its emotion head) and the seed's
 * LSTM over its features, the bundled TensorFlow.js face networks, and the library's own face CNN.
 */
package org.affect4j.vision.net;
