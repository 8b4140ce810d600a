/**
 * Evaluation reports: accuracy, macro-F1, per-class, per-actor and per-intensity accuracy and the confusion matrix
 * ({@link org.affect4j.core.eval.EvaluationReport}), their JSON, text and PNG forms, and the summary of a cross-validation
 * ({@link org.affect4j.core.eval.CrossValidationReport}).
 */
package org.affect4j.core.eval;
