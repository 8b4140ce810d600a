package org.affect4j.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.core.nn.Logits;
import org.affect4j.core.LabelOrder;
import org.affect4j.vision.data.FaceImageFolders;
import org.affect4j.vision.expression.BundledFaceModels;
import org.affect4j.vision.expression.FaceCnnModel;
import org.affect4j.vision.expression.FaceExpressionClassifier;
import org.affect4j.vision.expression.FaceModel;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.io.ImageFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code affect4j eval-face}: accuracy, per-class recall, macro-F1 and confusion of a face-expression net on FER2013's
 * test split or CK+48 — a model from {@code train-face} ({@code --model}) or a bundled net ({@code --face-model}), each
 * fed the image as given (these data sets are face crops already), through the same input conversion as in video.
 */
@Command(name = "eval-face", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Evaluates a face-expression net on FER2013's test split or CK+48.",
                "Accuracy, per-class recall, macro-F1 and the confusion matrix of a face CNN from train-face (--model) or a bundled "
                        + "face net (--face-model) on FER2013's test/ split or CK+48; each image is fed as given (no face detection)."})
final class EvalFaceCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Option(names = "--model", paramLabel = "<face.zip>", description = "a model from train-face")
    private Path model;

    @Option(names = "--face-model", paramLabel = "face-api-expression|human-emotion|affect4j-fer2013",
            description = "a bundled face net instead of --model")
    private String faceModel;

    @Option(names = "--data", required = true, paramLabel = "<dir>", description = "FER2013 or CK+48 image folders")
    private Path data;

    @Option(names = "--layout", paramLabel = "fer2013|ck48", defaultValue = "fer2013", description = "folder layout (default ${DEFAULT-VALUE})")
    private String layout;

    @Option(names = "--split", paramLabel = "test", description = "FER2013 split (default test)")
    private String split;

    @Option(names = "--tta", paramLabel = "none|mirror",
            description = "with --model: none, or mirror = logits averaged over each image and its mirror image (default: "
                    + "as the bundled affect4j-fer2013 runs, " + (BundledFaceModels.OWN_CNN_MIRROR_AVERAGE ? "mirror" : "none") + ")")
    private String tta;

    @Option(names = "--report-dir", paramLabel = "<dir>", description = "writes report.json and confusion.png")
    private Path reportDir;

    @Override
    public Integer call() throws IOException {
        if ((model == null) == (faceModel == null)) {
            throw new Affect4jCli.UsageException("eval-face takes one of --model <face.zip> or --face-model <bundled net>");
        }
        if (tta != null && model == null) {
            throw new Affect4jCli.UsageException("--tta is for --model; a bundled net runs as it is bundled");
        }
        boolean mirror = CliSupport.choice("--tta", tta, BundledFaceModels.OWN_CNN_MIRROR_AVERAGE ? "mirror" : "none", java.util.Map.of("none", false, "mirror", true));
        FaceModel bundled = null;
        if (faceModel != null) {
            try {
                bundled = FaceModel.byId(faceModel);
            } catch (IllegalArgumentException e) {
                throw new Affect4jCli.UsageException("--face-model: " + e.getMessage());
            }
        }
        List<FaceImageFolders.LabelledImage> images = switch (layout) {
            case "fer2013" -> FaceImageFolders.fer2013(data, split == null ? "test" : split);
            case "ck48" -> FaceImageFolders.ckPlus48(data);
            default -> throw new Affect4jCli.UsageException("--layout takes fer2013 or ck48, got '" + layout + "'");
        };
        if (!layout.equals("fer2013") && split != null) {
            throw new Affect4jCli.UsageException("--split is for --layout fer2013");
        }
        List<RgbTensor> crops = new ArrayList<>();
        Progress progress = new Progress(cli.err, "images");
        for (int i = 0; i < images.size(); i++) {
            crops.add(RgbTensor.of(ImageFiles.read(images.get(i).file())));
            progress.update(i + 1, images.size());
        }
        progress.done();
        EvaluationReport.Builder report = new EvaluationReport.Builder();
        LabelOrder order;
        float[][] scores;
        if (bundled != null) {
            try (FaceExpressionClassifier c = BundledFaceModels.classifier(bundled)) {
                order = c.labels();
                scores = c.logProbabilities(crops);
            }
        } else {
            try (FaceCnnModel net = FaceCnnModel.load(model)) {
                order = net.labelOrder();
                scores = net.cropLogits(crops, mirror);
            }
        }
        for (int i = 0; i < images.size(); i++) {
            report.add(images.get(i).emotion(), order.emotionAt(Logits.argmax(scores[i])), -1, -1);
        }
        EvaluationReport r = report.build();
        cli.out.print(r.format());
        cli.out.printf(Locale.ROOT, "macro-F1 %.3f%n", r.macroF1());
        CliSupport.writeReportDir(reportDir, r, cli.out);
        return 0;
    }
}
