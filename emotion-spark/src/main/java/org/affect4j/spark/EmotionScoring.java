package org.affect4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Emotion scoring of a Spark {@code Dataset<Row>} of media files: one output row per clip (per face for video, per
 * window with {@link #timeline}), an {@code error} column for files that fail — one bad file never fails the job.
 *
 * <pre>{@code
 * Dataset<Row> files = spark.read().format("binaryFile").option("pathGlobFilter", "*.wav")
 *         .option("recursiveFileLookup", "true").load("/archive/calls").select("path");
 * Dataset<Row> scored = EmotionScoring.speech().transform(files);      // see ScoredRows for the columns
 * scored.write().parquet("/archive/calls-emotions");
 * }</pre>
 *
 * <p>Input: a string column {@code path} (a local path or {@code file:} URI that every executor can read, as
 * {@code binaryFile} gives for a local or NFS folder) and, optionally, a binary column {@code content} holding the
 * file's bytes ({@code binaryFile}'s own column: then the path is only a name, and files on HDFS or S3 work too). Each
 * executor JVM loads one detector per configuration, lazily, and reuses it for every task; inside a partition the
 * files are scored in batches of {@link #batchSize} (at most that many files' bytes held at once), and rows stream
 * out as they are scored.
 *
 * <p>Immutable and serializable: each {@code with}-style call returns a new configuration.
 */
public final class EmotionScoring implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What is scored. */
    enum Kind { SPEECH, MULTIMODAL }

    final Kind kind;
    final String bundled;
    final String model;
    final String pathColumn;
    final String contentColumn;
    final int batchSize;
    final double timelineWindow;
    final double timelineHop;

    private EmotionScoring(Kind kind, String bundled, String model, String pathColumn, String contentColumn, int batchSize,
                           double timelineWindow, double timelineHop) {
        this.kind = kind;
        this.bundled = bundled;
        this.model = model;
        this.pathColumn = pathColumn;
        this.contentColumn = contentColumn;
        this.batchSize = batchSize;
        this.timelineWindow = timelineWindow;
        this.timelineHop = timelineHop;
    }

    /** Speech emotion with the bundled default speech model (the utterance model); WAV files. */
    public static EmotionScoring speech() {
        return new EmotionScoring(Kind.SPEECH, null, null, "path", "content", 16, 0, 0);
    }

    /**
     * Speech and face video with the bundled models, late-fused per face ({@code EmotionDetector.multimodal().load()}):
     * videos with sound; a {@code .wav} file is scored by the speech model alone.
     */
    public static EmotionScoring multimodal() {
        return new EmotionScoring(Kind.MULTIMODAL, null, null, "path", "content", 16, 0, 0);
    }

    /** A bundled speech model by id ({@code seed-recipe}, {@code robust}, …) instead of the default. Speech only. */
    public EmotionScoring bundled(String id) {
        requireSpeech("bundled");
        if (model != null) {
            throw new IllegalStateException("give one of bundled(id) or model(path)");
        }
        return new EmotionScoring(kind, Objects.requireNonNull(id, "id"), null, pathColumn, contentColumn, batchSize, timelineWindow,
                timelineHop);
    }

    /** A speech model archive (from {@code affect4j train} or {@code train-utterance}) at a path every executor can read. */
    public EmotionScoring model(String archivePath) {
        requireSpeech("model");
        if (bundled != null) {
            throw new IllegalStateException("give one of bundled(id) or model(path)");
        }
        return new EmotionScoring(kind, null, Objects.requireNonNull(archivePath, "archivePath"), pathColumn, contentColumn, batchSize,
                timelineWindow, timelineHop);
    }

    /** The input's path column (default {@code path}) and content column (default {@code content}; used when present). */
    public EmotionScoring columns(String path, String content) {
        return new EmotionScoring(kind, bundled, model, Objects.requireNonNull(path, "path"), Objects.requireNonNull(content, "content"),
                batchSize, timelineWindow, timelineHop);
    }

    /** Files scored together inside a partition (default 16); bounds the bytes a task holds at once. */
    public EmotionScoring batchSize(int files) {
        if (files < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + files);
        }
        return new EmotionScoring(kind, bundled, model, pathColumn, contentColumn, files, timelineWindow, timelineHop);
    }

    /**
     * Long media: one row per window of {@code windowSeconds} (at most 3 s for the video models' and seed's windows)
     * every {@code hopSeconds}, each window (and face) scored on its own, instead of one row per clip.
     */
    public EmotionScoring timeline(double windowSeconds, double hopSeconds) {
        if (!(windowSeconds > 0) || !(hopSeconds > 0) || Double.isInfinite(windowSeconds) || Double.isInfinite(hopSeconds)) {
            throw new IllegalArgumentException("timeline window and hop must be positive seconds, got " + windowSeconds + ", " + hopSeconds);
        }
        return new EmotionScoring(kind, bundled, model, pathColumn, contentColumn, batchSize, windowSeconds, hopSeconds);
    }

    /** The schema of {@link #transform}'s output (see the class comment of the columns in {@code ScoredRows}). */
    public static StructType outputSchema() {
        return ScoredRows.schema();
    }

    /**
     * Scores every file of {@code files} (lazily, as Spark transformations are): one row per clip, face or window.
     *
     * @throws IllegalArgumentException when the input has no string path column
     */
    public Dataset<Row> transform(Dataset<Row> files) {
        StructType in = files.schema();
        int pathIndex = indexOf(in, pathColumn);
        if (pathIndex < 0 || !in.fields()[pathIndex].dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("the input needs a string column '" + pathColumn + "' (file paths); its columns are "
                    + Arrays.toString(in.fieldNames()));
        }
        int found = indexOf(in, contentColumn);
        int contentIndex = found >= 0 && in.fields()[found].dataType().equals(DataTypes.BinaryType) ? found : -1;
        EmotionScoring config = this;
        MapPartitionsFunction<Row, Row> score = rows -> new PartitionScorer(config, rows, pathIndex, contentIndex);
        return files.mapPartitions(score, Encoders.row(ScoredRows.schema()));
    }

    /** A key naming this configuration's detector (one per executor JVM). */
    String detectorKey() {
        return kind + "|bundled=" + bundled + "|model=" + model;
    }

    boolean timeline() {
        return timelineWindow > 0;
    }

    private void requireSpeech(String what) {
        if (kind != Kind.SPEECH) {
            throw new IllegalStateException(what + "(...) chooses a speech model; multimodal() uses the bundled speech and face models");
        }
    }

    private static int indexOf(StructType schema, String name) {
        StructField[] f = schema.fields();
        for (int i = 0; i < f.length; i++) {
            if (f[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "EmotionScoring[" + detectorKey() + ", batch " + batchSize + (timeline() ? ", timeline " + timelineWindow + "/" + timelineHop + " s" : "")
                + "]";
    }
}
