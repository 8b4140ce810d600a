/**
 * Per-face expression classifiers: the bundled third-party face networks ({@link org.affect4j.vision.expression.FaceModel},
 * {@link org.affect4j.vision.expression.BundledFaceModels}), landmark alignment of crops, and the library's own face CNN
 * ({@link org.affect4j.vision.expression.FaceCnnModel}).
 */
package org.affect4j.vision.expression;
