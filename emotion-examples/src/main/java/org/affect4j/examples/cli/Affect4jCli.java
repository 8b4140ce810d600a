package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.affect4j.EmotionDetector;
import org.affect4j.SpeechDetector;
import org.affect4j.SpeechEvaluation;
import org.affect4j.core.Affect4jException;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;
import org.affect4j.core.ravdess.RavdessFiles;

/**
 * Command line: {@code predict <wav>} and {@code eval --data <dir>}. Run without arguments for help.
 * Exit codes: 0 ok, 1 bad input or model error, 2 usage error.
 */
public final class Affect4jCli {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: affect4j <command> [options]",
            "  predict <file.wav>... --checkpoint <model.pt> --scaler <scaler.pkl>",
            "        print the 8 emotion probabilities of each clip and the time its prediction took",
            "  eval --data <dir> --checkpoint <model.pt> --scaler <scaler.pkl> [--out <logits.csv>] [--batch N]",
            "        accuracy, per-class, per-actor and per-intensity accuracy and the confusion matrix over every",
            "        RAVDESS speech WAV under <dir> (labels from the file names)");

    private final PrintStream out;
    private final PrintStream err;

    Affect4jCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Affect4jCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Args a = Args.parse(args, 1);
            return switch (args[0]) {
                case "predict" -> predict(a);
                case "eval" -> eval(a);
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (Affect4jException | IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println("error: " + problem);
        err.println(USAGE);
        return 2;
    }

    private SpeechDetector speechDetector(Args a) {
        return EmotionDetector.speech().maxBatch(a.intOption("batch", 32))
                .load(a.path("checkpoint"), a.path("scaler"));
    }

    private int predict(Args a) {
        if (a.positional.isEmpty()) {
            throw new UsageException("predict needs at least one file");
        }
        try (SpeechDetector d = speechDetector(a)) {
            for (String f : a.positional) {
                Path file = Path.of(f);
                long t0 = System.nanoTime();
                Prediction p = d.predict(file);
                double ms = (System.nanoTime() - t0) / 1e6;
                out.println(file);
                for (Emotion e : Emotion.values()) {
                    out.printf(Locale.ROOT, "  %-10s %.4f%s%n", e.label(), p.probability(e), e == p.emotion() ? "  <==" : "");
                }
                out.printf(Locale.ROOT, "prediction: %s (%.3f), %.1f ms%n", p.emotion().label(), p.confidence(), ms);
            }
        }
        return 0;
    }

    private int eval(Args a) throws IOException {
        Path data = a.path("data");
        List<Path> files = RavdessFiles.list(data, ".wav");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no RAVDESS WAV files (NN-NN-NN-NN-NN-NN-NN.wav) under " + data);
        }
        try (SpeechDetector d = speechDetector(a)) {
            Progress progress = new Progress(err, files.size(), "files");
            SpeechEvaluation ev = SpeechEvaluation.run(d, files, a.intOption("batch", 32), progress::update);
            progress.done();
            out.print(ev.report().format());
            String csv = a.options.get("out");
            if (csv != null) {
                try (Writer w = Files.newBufferedWriter(Path.of(csv))) {
                    w.write("file,actor,label,pred," + String.join(",", labels()) + System.lineSeparator());
                    for (SpeechEvaluation.Item it : ev.items()) {
                        float[] l = it.prediction().logits();
                        StringBuilder row = new StringBuilder(it.file().getFileName().toString()).append(',')
                                .append(it.name().actor()).append(',').append(it.name().emotion().label()).append(',')
                                .append(it.prediction().emotion().label());
                        for (float v : l) {
                            row.append(',').append(String.format(Locale.ROOT, "%.6f", v));
                        }
                        w.write(row + System.lineSeparator());
                    }
                }
                out.println("per-file logits written to " + csv);
            }
        }
        return 0;
    }

    private static List<String> labels() {
        List<String> l = new ArrayList<>();
        for (Emotion e : org.affect4j.core.LabelOrder.SEED_SPEECH.emotions()) {
            l.add("logit_" + e.label());
        }
        return l;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String m) {
            super(m);
        }
    }

    /** --key value options plus positionals. */
    static final class Args {
        final Map<String, String> options = new HashMap<>();
        final List<String> positional = new ArrayList<>();

        static Args parse(String[] args, int from) {
            Args a = new Args();
            for (int i = from; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option " + args[i] + " needs a value");
                    }
                    a.options.put(args[i].substring(2), args[++i]);
                } else {
                    a.positional.add(args[i]);
                }
            }
            return a;
        }

        Path path(String key) {
            String v = options.get(key);
            if (v == null) {
                throw new UsageException("missing --" + key);
            }
            return Path.of(v);
        }

        int intOption(String key, int dflt) {
            String v = options.get(key);
            if (v == null) {
                return dflt;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + key + " needs an integer, got '" + v + "'");
            }
        }
    }
}
