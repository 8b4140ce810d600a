package org.affect4j.spark.readme;

import org.affect4j.spark.EmotionScoring;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The Java block of docs/spark.md (checked by emotion-examples' ReadmeSnippetsTest), run by EmotionScoringTest. */
public final class SparkQuickstart {

    private SparkQuickstart() {
    }

    /** Scores every WAV under {@code archive} and writes the rows as Parquet to {@code output}. */
    public static void score(SparkSession spark, String archive, String output) {
        // README-BEGIN
        Dataset<Row> files = spark.read().format("binaryFile").option("pathGlobFilter", "*.wav")
                .option("recursiveFileLookup", "true").load(archive).select("path");   // archive: a folder; content not read
        Dataset<Row> scored = EmotionScoring.speech().transform(files);       // one row per clip: see the table below
        scored.write().parquet(output);                                       // output: a new folder
        // README-END
    }
}
