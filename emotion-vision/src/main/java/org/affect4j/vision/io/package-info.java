/**
 * Media in: video and image decoding through JavaCV/FFmpeg ({@link org.affect4j.vision.io.VideoDecoder},
 * {@link org.affect4j.vision.io.ImageFiles}) with FFmpeg's errors and log turned into typed, readable messages, and
 * OpenFace 2.x CSV files ({@link org.affect4j.vision.io.OpenFaceCsv}).
 */
package org.affect4j.vision.io;
