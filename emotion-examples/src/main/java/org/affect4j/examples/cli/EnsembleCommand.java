package org.affect4j.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.affect4j.core.Emotion;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.core.ravdess.RavdessFileName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code affect4j ensemble a.csv b.csv ...}: the per-file logits of several models evaluated on the same files (each
 * written by {@code eval --out}) combined by averaging each file's class probabilities with equal weights; prints the
 * ensemble's report as {@code eval} does. The ensemble's own CSV ({@code --out}) holds the log of the averaged
 * probabilities as its logits, so that ensembles can be combined again.
 */
@Command(name = "ensemble", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Averages several models' probabilities from eval --out CSVs and reports the ensemble.",
                "Averages the class probabilities of models evaluated on the same files (CSVs from 'eval --out') and reports the ensemble's accuracy like eval; beyond the seed."})
final class EnsembleCommand implements Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Parameters(paramLabel = "<logits.csv>", arity = "0..*", description = "two or more CSVs written by 'eval --out'")
    private List<Path> csvs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "<ensemble.csv>", description = "the ensemble's per-file log-probabilities")
    private Path outCsv;

    @Option(names = "--report-dir", paramLabel = "<dir>", description = "writes report.json and confusion.png")
    private Path reportDir;

    @Override
    public Integer call() throws IOException {
        if (csvs.size() < 2) {
            throw new Affect4jCli.UsageException("ensemble needs at least two logits CSVs (written by eval --out), got " + csvs.size());
        }
        List<LogitsCsv.Table> tables = new ArrayList<>();
        for (Path f : csvs) {
            tables.add(LogitsCsv.read(f));
        }
        LogitsCsv.Table first = tables.get(0);
        List<Map<String, LogitsCsv.Row>> byFile = new ArrayList<>();
        for (LogitsCsv.Table t : tables) {
            Map<String, LogitsCsv.Row> rows = new HashMap<>();
            for (LogitsCsv.Row r : t.rows()) {
                if (rows.put(r.file(), r) != null) {
                    throw new IllegalArgumentException(t.source() + " lists " + r.file() + " twice");
                }
            }
            if (rows.size() != first.rows().size()) {
                throw new IllegalArgumentException(t.source() + " has " + rows.size() + " files, " + first.source() + " "
                        + first.rows().size() + ": an ensemble needs every model evaluated on the same files");
            }
            byFile.add(rows);
        }
        EvaluationReport.Builder report = new EvaluationReport.Builder();
        List<LogitsCsv.Row> combined = new ArrayList<>();
        for (LogitsCsv.Row r0 : first.rows()) {
            double[] mean = new double[first.order().size()];
            for (int t = 0; t < tables.size(); t++) {
                LogitsCsv.Row r = byFile.get(t).get(r0.file());
                if (r == null) {
                    throw new IllegalArgumentException(tables.get(t).source() + " has no row for " + r0.file() + " (in " + first.source()
                            + "): an ensemble needs every model evaluated on the same files");
                }
                if (r.truth() != r0.truth()) {
                    throw new IllegalArgumentException(r0.file() + " is labelled " + r.truth().label() + " in " + tables.get(t).source()
                            + " and " + r0.truth().label() + " in " + first.source());
                }
                Prediction p = Prediction.fromLogits(r.logits(), tables.get(t).order(), EnumSet.of(Modality.SPEECH));
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += p.probability(first.order().emotionAt(k)) / tables.size();
                }
            }
            float[] logProbabilities = new float[mean.length];
            int best = 0;
            for (int k = 0; k < mean.length; k++) {
                logProbabilities[k] = (float) Math.log(mean[k]);
                best = mean[k] > mean[best] ? k : best;
            }
            Emotion predicted = first.order().emotionAt(best);
            int intensity = RavdessFileName.isRavdessName(r0.file()) ? RavdessFileName.parse(r0.file()).intensity() : -1;
            report.add(r0.truth(), predicted, r0.actor(), intensity);
            combined.add(new LogitsCsv.Row(r0.file(), r0.actor(), r0.truth(), predicted, logProbabilities));
        }
        EvaluationReport result = report.build();
        cli.err.println("ensemble of " + tables.size() + " models, class probabilities averaged over " + first.rows().size() + " files");
        cli.out.print(result.format());
        CliSupport.writeReportDir(reportDir, result, cli.out);
        if (outCsv != null) {
            LogitsCsv.write(outCsv, first.order(), combined);
            cli.out.println("per-file log-probabilities written to " + outCsv);
        }
        return 0;
    }
}
