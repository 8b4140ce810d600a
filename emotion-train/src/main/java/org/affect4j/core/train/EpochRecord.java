package org.affect4j.core.train;

/**
 * One epoch of a training run.
 *
 * @param epoch         0-based epoch
 * @param trainLoss     mean training loss over the epoch's steps (dropout active)
 * @param trainAccuracy mean training accuracy over the epoch's steps
 * @param valLoss       validation loss (inference mode)
 * @param valAccuracy   validation accuracy
 * @param learningRate  the rate used during this epoch
 * @param seconds       wall time of the epoch, validation included
 * @param improved      whether this epoch became the best model so far (saved)
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                          double learningRate, double seconds, boolean improved) {
}
