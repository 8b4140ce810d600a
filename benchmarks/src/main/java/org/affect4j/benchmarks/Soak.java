package org.affect4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.affect4j.audio.SpeechModel;
import java.util.List;
import org.affect4j.core.Clip;
import org.affect4j.core.nn.InferenceEngine;

/**
 * Memory soak: N end-to-end speech predicts in one process; prints resident memory (VmRSS) after a warm-up and
 * every 10 % of the run, the growth after warm-up and the peak. Each predict decodes a WAV file and runs the whole
 * pipeline; with {@code batch} > 1 each step predicts a list of that many clips (one network batch). Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar org.affect4j.benchmarks.Soak [N=10000] [warmup=200] [batch=1]
 * [engine=EAGER]}.
 */
public final class Soak {

    private Soak() {
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        InferenceEngine engine = args.length > 3 ? InferenceEngine.valueOf(args[3]) : InferenceEngine.EAGER;
        long start = rssKb();
        try (SpeechModel model = SpeechBenchmarks.seedModel(engine)) {
            Clip one = Clip.of(Shared.file("data/ravdess-speech/Actor_02/03-01-04-01-02-02-02.wav"));
            List<Clip> clips = java.util.Collections.nCopies(batch, one);
            System.out.printf(Locale.ROOT, "engine %s, batch %d; RSS before loading %.1f MB%n", engine, batch, start / 1024.0);
            for (int i = 0; i < warmup; i++) {
                model.predict(clips);
            }
            long base = rssKb();
            long t0 = System.nanoTime();
            System.out.printf(Locale.ROOT, "after %d warm-up predicts: RSS %.1f MB%n", warmup, base / 1024.0);
            long max = base;
            for (int i = 1; i <= n; i++) {
                model.predict(clips);
                if (i % Math.max(1, n / 10) == 0) {
                    long rss = rssKb();
                    max = Math.max(max, rss);
                    System.out.printf(Locale.ROOT, "%6d predicts: RSS %.1f MB (%+.2f %%), %.1f ms/predict%n", i, rss / 1024.0,
                            100.0 * (rss - base) / base, (System.nanoTime() - t0) / 1e6 / i);
                }
            }
            long end = rssKb();
            System.out.printf(Locale.ROOT, "soak: %d predicts, RSS after warm-up %.1f MB, at end %.1f MB, growth %+.2f %%, peak %.1f MB%n",
                    n, base / 1024.0, end / 1024.0, 100.0 * (end - base) / base, max / 1024.0);
        }
    }
}
