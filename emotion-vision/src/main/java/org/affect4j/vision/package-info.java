/**
 * Face video models: the bundled per-frame face pipeline ({@link org.affect4j.vision.FaceExpressionVideoModel}) and the
 * seed's EmoNet + bidirectional LSTM, behind one {@link org.affect4j.vision.VideoModel}; their results
 * ({@link org.affect4j.core.VideoResult}, {@link org.affect4j.core.FaceResult}, {@link org.affect4j.core.FrameEmotion}).
 * The user-facing detector is {@code org.affect4j.VideoDetector} in emotion-fusion. One package per stage: {@code io}
 * (decoding), {@code face} (detection, tracking, crops), {@code expression} and {@code net} (networks).
 */
package org.affect4j.vision;
