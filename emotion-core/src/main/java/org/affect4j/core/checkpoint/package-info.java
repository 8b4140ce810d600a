/**
 * Reading and writing model files without executing anything from them: PyTorch checkpoints (zip and legacy formats,
 * {@link org.affect4j.core.checkpoint.TorchCheckpoint}) through a restricted pickle machine
 * ({@link org.affect4j.core.checkpoint.SafeUnpickler}, which refuses any global not on its allow-list), NumPy arrays,
 * scikit-learn scalers, TensorFlow.js graph models, and the library's own zip archive
 * ({@link org.affect4j.core.checkpoint.ModelArchive}: JSON metadata plus named float arrays). Size limits guard every reader.
 */
package org.affect4j.core.checkpoint;
