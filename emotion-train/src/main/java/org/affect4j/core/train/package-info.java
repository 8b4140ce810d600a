/**
 * The training loop shared by every model: {@link org.affect4j.core.train.Trainer} runs a
 * {@link org.affect4j.core.train.TrainingTask} epoch by epoch under a {@link org.affect4j.core.train.TrainerConfig} (seeded,
 * resumable from its last finished epoch, selecting on a validation set), reporting to a
 * {@link org.affect4j.core.train.TrainingListener}.
 */
package org.affect4j.core.train;
