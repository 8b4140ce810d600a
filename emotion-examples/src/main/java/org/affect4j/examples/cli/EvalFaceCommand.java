package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.core.train.Logits;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.vision.data.FaceImageFolders;
import org.affect4j.vision.data.FaceImageRecordReader;
import org.affect4j.vision.expression.FaceCnnModel;
import org.affect4j.vision.net.FaceCnn;
import org.affect4j.vision.train.FaceTrainingTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code affect4j eval-face}: the face CNN's accuracy, per-class recall, macro-F1 and confusion on FER2013's test split or CK+48. */
@Command(name = "eval-face", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Evaluates a face CNN on FER2013's test split or CK+48.",
                "Accuracy, per-class recall, macro-F1 and the confusion matrix of a face CNN on FER2013's test/ split or CK+48."})
final class EvalFaceCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Option(names = "--model", required = true, paramLabel = "<face.zip>", description = "a model from train-face")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "<dir>", description = "FER2013 or CK+48 image folders")
    private Path data;

    @Option(names = "--layout", paramLabel = "fer2013|ck48", defaultValue = "fer2013", description = "folder layout (default ${DEFAULT-VALUE})")
    private String layout;

    @Option(names = "--split", paramLabel = "test", description = "FER2013 split (default test)")
    private String split;

    @Option(names = "--report-dir", paramLabel = "<dir>", description = "writes report.json and confusion.png")
    private Path reportDir;

    @Override
    public Integer call() throws IOException {
        List<FaceImageFolders.LabelledImage> images = switch (layout) {
            case "fer2013" -> FaceImageFolders.fer2013(data, split == null ? "test" : split);
            case "ck48" -> FaceImageFolders.ckPlus48(data);
            default -> throw new Affect4jCli.UsageException("--layout takes fer2013 or ck48, got '" + layout + "'");
        };
        if (!layout.equals("fer2013") && split != null) {
            throw new Affect4jCli.UsageException("--split is for --layout fer2013");
        }
        List<float[]> xs = new ArrayList<>();
        Progress progress = new Progress(cli.err, "images");
        for (int i = 0; i < images.size(); i++) {
            xs.add(FaceImageRecordReader.pixels(images.get(i).file(), FaceCnn.SIZE));
            progress.update(i + 1, images.size());
        }
        progress.done();
        EvaluationReport.Builder report = new EvaluationReport.Builder();
        try (FaceCnnModel net = FaceCnnModel.load(model)) {
            float[][] logits = net.logits(xs);
            for (int i = 0; i < images.size(); i++) {
                report.add(images.get(i).emotion(), net.labelOrder().emotionAt(Logits.argmax(logits[i])), -1, -1);
            }
        }
        EvaluationReport r = report.build();
        cli.out.print(r.format());
        cli.out.printf(Locale.ROOT, "macro-F1 %.3f%n", r.macroF1());
        CliSupport.writeReportDir(reportDir, r, cli.out);
        return 0;
    }
}
