package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.eval.CrossValidationReport;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.fusion.train.ActionUnitFusionCv;
import org.affect4j.vision.data.RavdessActionUnits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code affect4j cv-au}: the action-unit face branch and its trained fusion with a speech model, over the
 * actor-independent folds ({@link ActionUnitFusionCv}). Writes per fold the four test reports (speech, action units,
 * fused, late) and over all finished folds a summary table ({@code cv-au-report.md}), JSON and pooled confusion PNGs.
 */
@Command(name = "cv-au", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Cross-validates the action-unit face branch and its trained fusion with speech.",
                "The action-unit face branch and its trained fusion with speech over the actor-independent folds: <speech-logits>/fold-K.csv holds fold K's speech model's logits ('eval --out') for its validation and test actors; writes per-fold reports and cv-au-report.md (speech, action units, fused, late fusion); --export writes fold 0's model (test actors 01-04) with the bundled speech model's sha256."})
final class ActionUnitFusionCommand implements java.util.concurrent.Callable<Integer> {

    static final List<String> METHODS = List.of("speech", "action-units", "fused", "late");

    @ParentCommand
    private Affect4jCli cli;

    @Option(names = "--au", required = true, paramLabel = "<au_mfcc.pkl>", description = "RAVDESS clip-level action-unit features")
    private Path auFile;

    @Option(names = "--speech-logits", required = true, paramLabel = "<dir>", description = "fold-K.csv per fold, from 'eval --out'")
    private Path logitsDir;

    @Option(names = "--work", required = true, paramLabel = "<dir>", description = "where per-fold reports and the summary go")
    private Path work;

    @Option(names = "--folds", paramLabel = "0-5", defaultValue = "0-5", description = "the folds to run (default ${DEFAULT-VALUE})")
    private String foldList;

    @Option(names = "--speech-model", paramLabel = "<id>", defaultValue = "speaker-normalised",
            description = "the bundled speech model the logits came from (default ${DEFAULT-VALUE})")
    private String speechModel;

    @Option(names = "--export", paramLabel = "<au-fusion.zip>", description = "writes fold 0's fusion model")
    private Path export;

    @Option(names = "--branch-epochs", paramLabel = "N", description = "epochs of the action-unit branch (default: the standard recipe's)")
    private Integer branchEpochs;

    @Option(names = "--fusion-epochs", paramLabel = "N", description = "epoch budget of the fusion layer (default: the standard recipe's)")
    private Integer fusionEpochs;

    @Override
    public Integer call() throws IOException {
        PrintStream out = cli.out;
        PrintStream err = cli.err;
        ActionUnitFusionCv.Recipe std = ActionUnitFusionCv.Recipe.standard();
        ActionUnitFusionCv.Recipe recipe = new ActionUnitFusionCv.Recipe(std.hiddenWidths(),
                std.branchTrainer().withEpochs(branchEpochs != null ? branchEpochs : std.branchTrainer().epochs()),
                std.fusionTrainer().withEpochs(fusionEpochs != null ? fusionEpochs : std.fusionTrainer().epochs()));
        RavdessActionUnits features = RavdessActionUnits.read(auFile);
        SortedSet<Integer> folds = CliSupport.folds(foldList);
        ActionUnitFusionCv cv = new ActionUnitFusionCv(features, recipe,
                new org.affect4j.core.train.TrainingListener() {
                });
        for (int k : folds) {
            Path csv = logitsDir.resolve("fold-" + k + ".csv");
            if (!Files.exists(csv)) {
                err.println("fold " + k + ": no speech logits " + csv + " (affect4j eval --out of that fold's speech model); skipped");
                continue;
            }
            Map<String, float[]> logits = seedOrder(LogitsCsv.read(csv));
            Path dir = work.resolve("fold-" + k);
            Map<String, Object> prov = new LinkedHashMap<>();
            prov.put("actionUnits", features.source().getFileName().toString());
            prov.put("speechLogits", csv.getFileName().toString());
            ActionUnitFusionCv.FoldResult r = cv.run(k, logits, speechModel, prov, dir);
            Files.createDirectories(dir);
            EvaluationReport[] reports = {r.speech(), r.actionUnits(), r.fused(), r.late()};
            for (int i = 0; i < reports.length; i++) {
                Files.writeString(dir.resolve(METHODS.get(i) + "-report.json"), reports[i].toJson());
                Files.writeString(dir.resolve(METHODS.get(i) + "-report.txt"), reports[i].format());
            }
            r.model().toArchive().write(dir.resolve("au-fusion.zip"));
            out.printf(Locale.ROOT, "fold %d: branch hidden %d (val %.3f), fusion %d epochs (fit on val %.3f); test speech %.3f, action units %.3f, fused %.3f, late %.3f%n",
                    k, r.hidden(), r.branchValAccuracy(), r.fusionEpochs(), r.fusionValAccuracy(), r.speech().accuracy(), r.actionUnits().accuracy(),
                    r.fused().accuracy(), r.late().accuracy());
        }
        summarise(work);
        if (export != null) {
            Path model = work.resolve("fold-0").resolve("au-fusion.zip");
            if (!Files.exists(model)) {
                throw new IllegalArgumentException("--export needs fold 0 (the bundled speech model's fold): run it first");
            }
            org.affect4j.audio.BundledSpeechModel speech = org.affect4j.audio.BundledSpeechModel.byId(speechModel);
            org.affect4j.fusion.ActionUnitFusion.read(model)
                    .withMeta(org.affect4j.fusion.ActionUnitFusion.SPEECH_MODEL_SHA256, org.affect4j.fusion.ActionUnitFusion.sha256(speech.resource()))
                    .toArchive().write(export);
            out.println("fold 0's model (test actors 01-04) written to " + export);
        }
        return 0;
    }

    /** Rows in the seed's speech order, keyed by file name. */
    static Map<String, float[]> seedOrder(LogitsCsv.Table t) {
        Map<String, float[]> out = new TreeMap<>();
        for (LogitsCsv.Row r : t.rows()) {
            float[] v = new float[8];
            for (int i = 0; i < 8; i++) {
                v[LabelOrder.SEED_SPEECH.indexOf(t.order().emotionAt(i))] = r.logits()[i];
            }
            out.put(Path.of(r.file()).getFileName().toString(), v);
        }
        return out;
    }

    private void summarise(Path work) throws IOException {
        Map<String, Map<Integer, EvaluationReport>> byMethod = new LinkedHashMap<>();
        for (String m : METHODS) {
            Map<Integer, EvaluationReport> folds = new TreeMap<>();
            for (int k = 0; k <= 5; k++) {
                Path f = work.resolve("fold-" + k).resolve(m + "-report.json");
                if (Files.exists(f)) {
                    folds.put(k, EvaluationReport.fromJson(Files.readString(f)));
                }
            }
            byMethod.put(m, folds);
        }
        if (byMethod.get("fused").isEmpty()) {
            return;
        }
        StringBuilder md = new StringBuilder();
        md.append("| method |");
        for (int k : byMethod.get("fused").keySet()) {
            md.append(" fold ").append(k).append(" |");
        }
        md.append(" mean ± sd | pooled | macro-F1 (pooled) |\n|---|");
        byMethod.get("fused").keySet().forEach(k -> md.append("---|"));
        md.append("---|---|---|\n");
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Map<Integer, EvaluationReport>> e : byMethod.entrySet()) {
            CrossValidationReport cvr = CrossValidationReport.of(e.getValue());
            md.append("| ").append(e.getKey()).append(" |");
            e.getValue().values().forEach(r -> md.append(String.format(Locale.ROOT, " %.3f |", r.accuracy())));
            EvaluationReport pooled = cvr.pooled();
            md.append(String.format(Locale.ROOT, " %.3f ± %.3f | %.3f (%d/%d) | %.3f |%n", cvr.accuracy().mean(), cvr.accuracy().sd(),
                    pooled.accuracy(), pooled.correct(), pooled.total(), pooled.macroF1()));
            pooled.writeConfusionPng(work.resolve("cv-" + e.getKey() + "-confusion.png"));
            Files.writeString(work.resolve("cv-" + e.getKey() + "-report.txt"), cvr.format());
            json.append(json.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":").append(cvr.toJson());
        }
        md.append("\nPer-class recall, pooled over the folds' test clips:\n\n| method |");
        for (Emotion em : Emotion.values()) {
            md.append(' ').append(em.label()).append(" |");
        }
        md.append("\n|---|");
        for (Emotion em : Emotion.values()) {
            md.append("---|");
        }
        md.append('\n');
        for (Map.Entry<String, Map<Integer, EvaluationReport>> e : byMethod.entrySet()) {
            EvaluationReport pooled = CrossValidationReport.of(e.getValue()).pooled();
            md.append("| ").append(e.getKey()).append(" |");
            for (Emotion em : Emotion.values()) {
                md.append(String.format(Locale.ROOT, " %.2f |", pooled.recall(em)));
            }
            md.append('\n');
        }
        Files.writeString(work.resolve("cv-au-report.md"), md.toString());
        Files.writeString(work.resolve("cv-au-report.json"), json.append('}').toString());
        cli.out.print(md);
    }
}
