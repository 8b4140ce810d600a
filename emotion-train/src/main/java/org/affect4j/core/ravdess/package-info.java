/**
 * The RAVDESS corpus: its seven-part file-name code ({@link org.affect4j.core.ravdess.RavdessFileName}), listing its
 * files, DataVec labels from the names, and the six actor-independent folds every evaluation uses
 * ({@link org.affect4j.core.ravdess.ActorFolds}: fold k tests actors 4k+1 to 4k+4).
 */
package org.affect4j.core.ravdess;
