package org.affect4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.affect4j.EmotionDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.ravdess.RavdessFiles;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * Stand-alone throughput benchmark (not a test): clips per second scoring every WAV under a folder (the 240 shared
 * RAVDESS clips) with the plain library ({@code SpeechDetector.predict} in batches of 16) and with
 * {@link EmotionScoring} on Spark {@code local[1]} and {@code local[2]}; the bundled default speech model, detectors
 * loaded and warmed before timing, the median of three runs. Run: {@code mvn -B -q -pl emotion-spark test-compile
 * exec:exec@throughput} (README, "Scoring archives on Spark").
 */
public final class SparkThroughput {

    private SparkThroughput() {
    }

    /**
     * Prints one line per setting.
     *
     * @param args the folder of WAVs (default ../shared/data/ravdess-speech)
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ravdess-speech");
        List<Path> files = RavdessFiles.list(dir, ".wav");
        List<String> paths = files.stream().map(Path::toString).toList();
        System.out.printf(Locale.ROOT, "%d WAV files under %s, %d cores%n", files.size(), dir, Runtime.getRuntime().availableProcessors());
        try (SpeechDetector d = EmotionDetector.speech().load()) {
            d.predict(files.subList(0, 16).stream().map(Clip::of).toList());   // warm-up
            double[] s = new double[3];
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < files.size(); i += 16) {
                    d.predict(files.subList(i, Math.min(files.size(), i + 16)).stream().map(Clip::of).toList());
                }
                s[run] = (System.nanoTime() - t0) / 1e9;
            }
            report("plain library (one JVM, batches of 16)", files.size(), s);
        }
        for (String master : List.of("local[1]", "local[2]")) {
            SparkSession spark = SparkSession.builder().master(master).appName("affect4j-throughput").config("spark.ui.enabled", "false")
                    .getOrCreate();
            try {
                int partitions = Integer.parseInt(master.replaceAll("\\D", "")) * 2;
                var input = spark.createDataset(paths, Encoders.STRING()).toDF("path").repartition(partitions).cache();
                input.count();
                EmotionScoring scoring = EmotionScoring.speech();
                scoring.transform(input.limit(16)).count();   // warm-up: the executor loads its detector
                double[] s = new double[3];
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    long rows = scoring.transform(input).count();
                    s[run] = (System.nanoTime() - t0) / 1e9;
                    if (rows != files.size()) {
                        throw new IllegalStateException("expected " + files.size() + " rows, got " + rows);
                    }
                }
                report("Spark " + master + " (" + partitions + " partitions)", files.size(), s);
            } finally {
                spark.stop();
            }
        }
    }

    private static void report(String what, int clips, double[] seconds) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        List<String> all = new ArrayList<>();
        for (double x : seconds) {
            all.add(String.format(Locale.ROOT, "%.2f", x));
        }
        System.out.printf(Locale.ROOT, "%-45s %6.1f clips/s  (median %.2f s for %d clips; runs %s s)%n", what, clips / median, median, clips, all);
    }
}
