package org.affect4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The output rows of {@link EmotionScoring}: one per clip, face or timeline window. Columns, in order:
 * {@code path} (the input file), {@code window_start} and {@code window_end} (seconds of the media scored),
 * {@code part} ({@code speech}, or {@code face K} for face K's fused prediction), {@code emotion} and
 * {@code confidence}, one {@code p_<emotion>} column per emotion (neutral … surprised), {@code modalities}
 * ({@code speech}, {@code video} or {@code speech+video}) and {@code error} (null, or why the file gave no
 * prediction: the typed exception's message, which names the file). A failed file has one row with only
 * {@code path} and {@code error} set.
 */
final class ScoredRows {

    private ScoredRows() {
    }

    /** The output schema. */
    static StructType schema() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("path", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("window_start", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("window_end", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("part", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("emotion", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("confidence", DataTypes.DoubleType, true));
        for (Emotion e : Emotion.values()) {
            f.add(DataTypes.createStructField(probabilityColumn(e), DataTypes.DoubleType, true));
        }
        f.add(DataTypes.createStructField("modalities", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("error", DataTypes.StringType, true));
        return DataTypes.createStructType(f);
    }

    /** The column holding {@code e}'s probability. */
    static String probabilityColumn(Emotion e) {
        return "p_" + e.label();
    }

    /** A scored row. */
    static Row prediction(String path, double start, double end, String part, Prediction p) {
        Object[] v = new Object[8 + Emotion.values().length];
        v[0] = path;
        v[1] = start;
        v[2] = end;
        v[3] = part;
        v[4] = p.emotion().label();
        v[5] = p.confidence();
        int i = 6;
        for (Emotion e : Emotion.values()) {
            v[i++] = p.probability(e);
        }
        v[i++] = p.modalities().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining("+"));
        v[i] = null;
        return RowFactory.create(v);
    }

    /** A row for a file (or window) that gave no prediction, with why. */
    static Row error(String path, Double start, Double end, String problem) {
        Object[] v = new Object[8 + Emotion.values().length];
        v[0] = path;
        v[1] = start;
        v[2] = end;
        v[v.length - 1] = problem;
        return RowFactory.create(v);
    }
}
