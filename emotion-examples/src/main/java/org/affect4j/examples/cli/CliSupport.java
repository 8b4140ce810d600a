package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;
import org.affect4j.core.eval.EvaluationReport;

/** Small pieces the commands share: option values with their own syntax, and the report and probability printouts. */
final class CliSupport {

    private CliSupport() {
    }

    static boolean isWav(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav");
    }

    /** {@code 0.3,0.5,0.7} → those numbers; {@code option} names the option in the usage error. */
    static double[] numbers(String option, String list) {
        String[] parts = list.split(",", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new Affect4jCli.UsageException(option + " takes seconds separated by commas (e.g. 0.3,0.5,0.7), got '" + list + "'");
            }
        }
        return out;
    }

    /**
     * The value {@code given} names among {@code choices} ({@code dflt}, one of them, when {@code given} is null).
     *
     * @throws Affect4jCli.UsageException naming the allowed values otherwise
     */
    static <T> T choice(String option, String given, String dflt, Map<String, T> choices) {
        String v = given == null ? dflt : given;
        T t = choices.get(v);
        if (t == null) {
            List<String> allowed = new ArrayList<>(List.of(dflt));
            choices.keySet().stream().filter(c -> !c.equals(dflt)).sorted().forEach(allowed::add);
            throw new Affect4jCli.UsageException(option + " must be " + String.join(" or ", allowed) + ", got '" + v + "'");
        }
        return t;
    }

    /** "5-20", "1,2,3" or "1-4,9": RAVDESS actors 1..24. */
    static SortedSet<Integer> actors(String spec) {
        return range(spec, 1, 24);
    }

    /** "0-5", "1,3-4": the cross-validation folds 0..5. */
    static SortedSet<Integer> folds(String spec) {
        return range(spec, 0, 5);
    }

    /** A list of numbers and ranges ("1-4,9") within {@code min..max}, sorted. */
    static SortedSet<Integer> range(String spec, int min, int max) {
        return range(null, spec, min, max);
    }

    /**
     * "5-20", "1,2,3" or "1-4, 9" (spaces allowed): numbers in {@code min..max}; a bad list is a usage error naming
     * {@code option} when given.
     */
    static SortedSet<Integer> range(String option, String spec, int min, int max) {
        String prefix = option == null ? "" : option + ": ";
        SortedSet<Integer> out = new TreeSet<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    int to = Integer.parseInt(p.substring(dash + 1).trim());
                    for (int i = Integer.parseInt(p.substring(0, dash).trim()); i <= to; i++) {
                        out.add(i);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException e) {
                throw new Affect4jCli.UsageException(prefix + "a list must look like 5-20 or 1,2,3, got '" + spec + "'");
            }
        }
        for (int x : out) {
            if (x < min || x > max) {
                throw new Affect4jCli.UsageException(prefix + "expected numbers in " + min + ".." + max + ", got " + x);
            }
        }
        return out;
    }

    static void printProbabilities(PrintStream out, Prediction p) {
        for (Emotion e : Emotion.values()) {
            out.printf(Locale.ROOT, "  %-10s %.4f%s%n", e.label(), p.probability(e), e == p.emotion() ? "  <==" : "");
        }
    }

    /** {@code --report-dir <dir>}: the report as report.json and its confusion matrix as confusion.png, said on {@code out}. */
    static void writeReportDir(Path reportDir, EvaluationReport report, PrintStream out) throws IOException {
        if (reportDir != null) {
            Path dir = Files.createDirectories(reportDir);
            Files.writeString(dir.resolve("report.json"), report.toJson());
            report.writeConfusionPng(dir.resolve("confusion.png"));
            out.println("report written to " + dir.resolve("report.json") + " and " + dir.resolve("confusion.png"));
        }
    }

    static EvaluationReport readReport(Path reportJson) throws IOException {
        try {
            return EvaluationReport.fromJson(Files.readString(reportJson));
        } catch (IllegalArgumentException e) {
            throw new IOException(reportJson + ": " + e.getMessage(), e);
        }
    }
}
