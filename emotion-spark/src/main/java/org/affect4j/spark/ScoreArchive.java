package org.affect4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spark-submit --class org.affect4j.spark.ScoreArchive emotion-spark.jar --input <dir or glob> --output <parquet
 * dir> [--multimodal] [--bundled <id> | --model <affect4j.zip>] [--timeline WINDOW,HOP] [--batch N] [--content]}: scores
 * every media file under {@code --input} (recursively; {@code .wav} files, or with {@code --multimodal} every file)
 * and writes one Parquet row per clip, face or window ({@link EmotionScoring#outputSchema()}). Without a Spark master
 * given (spark-submit's {@code --master}, or {@code -Dspark.master}) it runs in {@code local[*]}.
 */
public final class ScoreArchive {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreArchive.class);

    private ScoreArchive() {
    }

    /** Command-line options, parsed. */
    record Options(String input, String output, boolean multimodal, String bundled, String model, double window, double hop, int batch,
                   boolean content) {
    }

    /**
     * Runs the job.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error("{}; usage: ScoreArchive --input <dir or glob> --output <parquet dir> [--multimodal] [--bundled <id> | --model"
                    + " <affect4j.zip>] [--timeline WINDOW,HOP] [--batch N] [--content]", e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession.Builder b = SparkSession.builder().appName("affect4j-score-archive");
        if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        try {
            long rows = run(spark, o);
            LOG.info("{} rows written to {}", rows, o.output());
        } finally {
            spark.stop();
        }
    }

    /** Scores the archive with {@code spark} and writes the Parquet output; returns the number of rows written. */
    static long run(SparkSession spark, Options o) {
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                .option("pathGlobFilter", o.multimodal() ? "*" : "*.{wav,WAV}").load(o.input());
        files = o.content() ? files.select("path", "content") : files.select("path");
        EmotionScoring scoring = o.multimodal() ? EmotionScoring.multimodal() : EmotionScoring.speech();
        if (o.bundled() != null) {
            scoring = scoring.bundled(o.bundled());
        }
        if (o.model() != null) {
            scoring = scoring.model(o.model());
        }
        if (o.window() > 0) {
            scoring = scoring.timeline(o.window(), o.hop());
        }
        Dataset<Row> scored = scoring.batchSize(o.batch()).transform(files);
        scored.write().mode(SaveMode.ErrorIfExists).parquet(o.output());
        return spark.read().parquet(o.output()).count();
    }

    static Options parse(String[] args) {
        String input = null;
        String output = null;
        boolean multimodal = false;
        boolean content = false;
        String bundled = null;
        String model = null;
        double window = 0;
        double hop = 0;
        int batch = 16;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--multimodal" -> multimodal = true;
                case "--content" -> content = true;
                case "--input", "--output", "--bundled", "--model", "--timeline", "--batch" -> {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = rest.remove(0);
                    switch (a) {
                        case "--input" -> input = v;
                        case "--output" -> output = v;
                        case "--bundled" -> bundled = v;
                        case "--model" -> model = v;
                        case "--batch" -> batch = number(a, v).intValue();
                        default -> {
                            String[] wh = v.split(",");
                            if (wh.length != 2) {
                                throw new IllegalArgumentException("--timeline takes WINDOW,HOP seconds, e.g. 3,3; got '" + v + "'");
                            }
                            window = number(a, wh[0]).doubleValue();
                            hop = number(a, wh[1]).doubleValue();
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (input == null || output == null) {
            throw new IllegalArgumentException("--input and --output are required");
        }
        if (multimodal && (bundled != null || model != null)) {
            throw new IllegalArgumentException("--bundled and --model choose a speech model; --multimodal uses the bundled models");
        }
        return new Options(input, output, multimodal, bundled, model, window, hop, batch, content);
    }

    private static Number number(String option, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, got '" + v + "'");
        }
    }
}
