/**
 * Finding faces: detectors (the bundled TinyFaceDetector, OpenCV Haar cascades), tracking a face over frames
 * ({@link org.affect4j.vision.face.FaceTracker}), landmark tracks, and cropping faces to network tensors.
 */
package org.affect4j.vision.face;
