/**
 * Scoring archives on Apache Spark: {@link org.affect4j.spark.EmotionScoring} turns a {@code Dataset<Row>} of media
 * files into one row per clip, face or timeline window (with an {@code error} column, so one bad file never fails the
 * job), one detector per executor JVM; {@link org.affect4j.spark.ScoreArchive} is the spark-submit entry point that
 * writes Parquet.
 */
package org.affect4j.spark;
