/**
 * What the networks share, whichever engine runs them: the engine switch ({@link org.affect4j.core.nn.InferenceEngine}:
 * SameDiff graph or eager plain-array code), strict weight loading that names a missing or mis-shaped tensor
 * ({@link org.affect4j.core.nn.StrictWeights}, {@link org.affect4j.core.nn.GraphWeights}) and the BLAS thread setting.
 */
package org.affect4j.core.nn;
