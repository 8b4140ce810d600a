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

/**
 * {@code affect4j train-face} and {@code eval-face} (issue 26): the library's own face-expression CNN trained on
 * FER2013's training split, selected on its validation split, and evaluated on its test split or on CK+48.
 */
final class FaceCommand {

    private final PrintStream out;
    private final PrintStream err;

    FaceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code train-face --data <fer2013> --work <dir>}: trains on train/, selects on validation/; resumable. */
    int train(Affect4jCli.Args a) {
        Path data = a.path("data");
        Path work = a.path("work");
        int limit = a.intOption("max-images", Integer.MAX_VALUE);
        if (limit < 1) {
            throw new Affect4jCli.UsageException("--max-images must be >= 1, got " + limit);
        }
        FaceTrainingTask.Augmentation aug = switch (a.options.getOrDefault("augment", "standard")) {
            case "standard" -> FaceTrainingTask.Augmentation.STANDARD;
            case "none" -> FaceTrainingTask.Augmentation.NONE;
            default -> throw new Affect4jCli.UsageException("--augment takes standard or none, got '" + a.options.get("augment") + "'");
        };
        boolean dropout = switch (a.options.getOrDefault("dropout", "on")) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new Affect4jCli.UsageException("--dropout takes on or off, got '" + a.options.get("dropout") + "'");
        };
        List<FaceImageFolders.LabelledImage> train = first(FaceImageFolders.fer2013(data, "train"), limit);
        List<FaceImageFolders.LabelledImage> val = first(FaceImageFolders.fer2013(data, "validation"), limit);
        List<float[]> trainX = new ArrayList<>();
        List<float[]> valX = new ArrayList<>();
        int[] trainY = read(train, trainX, "training images");
        int[] valY = read(val, valX, "validation images");
        TrainerConfig config = new TrainerConfig(a.intOption("epochs", 30), a.intOption("batch", 64), a.doubleOption("lr", 1e-3),
                a.doubleOption("weight-decay", 1e-4), 0.5, 2, 0, a.intOption("seed", 42));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("data", "FER2013 (Goodfellow et al. 2013), research use; augmented copies (x.jpgN.jpg) left out");
        description.put("trainImages", train.size());
        description.put("validationImages", val.size());
        description.put("recipe", Map.of("optimizer", "Adam", "learningRate", config.learningRate(), "weightDecay",
                config.weightDecay(), "batchSize", config.batchSize(), "epochs", config.epochs(), "seed", config.seed(),
                "augmentation", aug.describe(), "dropout", dropout));
        FaceTrainingTask task = new FaceTrainingTask(FaceCnn.initialWeights(FaceImageFolders.FER2013_ORDER.size(), config.seed()),
                config.batchSize(), FaceImageFolders.FER2013_ORDER, trainX, trainY, valX, valY, aug, dropout, description);
        Duration budget = a.options.containsKey("max-minutes")
                ? Duration.ofSeconds(Math.round(60 * a.doubleOption("max-minutes", 0))) : null;
        Trainer.Result r = new Trainer(config, work, new ConsoleTrainingListener(out, err, ""), budget).fit(task);
        out.printf(Locale.ROOT, "best epoch %d, validation accuracy %.4f -> %s%n", r.bestEpoch() + 1, r.bestValAccuracy(), r.bestModel());
        if (!r.complete()) {
            out.println("stopped by --max-minutes after " + r.history().size() + " epochs; run the same command again to resume");
        }
        return 0;
    }

    /** {@code eval-face --model <zip> --data <dir> [--layout fer2013|ck48] [--split test]}: the speech eval's report. */
    int eval(Affect4jCli.Args a) throws IOException {
        Path data = a.path("data");
        String layout = a.options.getOrDefault("layout", "fer2013");
        List<FaceImageFolders.LabelledImage> images = switch (layout) {
            case "fer2013" -> FaceImageFolders.fer2013(data, a.options.getOrDefault("split", "test"));
            case "ck48" -> FaceImageFolders.ckPlus48(data);
            default -> throw new Affect4jCli.UsageException("--layout takes fer2013 or ck48, got '" + layout + "'");
        };
        if (!layout.equals("fer2013") && a.options.containsKey("split")) {
            throw new Affect4jCli.UsageException("--split is for --layout fer2013");
        }
        List<float[]> xs = new ArrayList<>();
        Progress progress = new Progress(err, "images");
        for (int i = 0; i < images.size(); i++) {
            xs.add(FaceImageRecordReader.pixels(images.get(i).file(), FaceCnn.SIZE));
            progress.update(i + 1, images.size());
        }
        progress.done();
        EvaluationReport.Builder report = new EvaluationReport.Builder();
        try (FaceCnnModel model = FaceCnnModel.load(a.path("model"))) {
            float[][] logits = model.logits(xs);
            for (int i = 0; i < images.size(); i++) {
                report.add(images.get(i).emotion(), model.labelOrder().emotionAt(Logits.argmax(logits[i])), -1, -1);
            }
        }
        EvaluationReport r = report.build();
        out.print(r.format());
        out.printf(Locale.ROOT, "macro-F1 %.3f%n", r.macroF1());
        Affect4jCli.writeReportDir(a, r, out);
        return 0;
    }

    private static <T> List<T> first(List<T> all, int limit) {
        return all.size() <= limit ? all : all.subList(0, limit);
    }

    /** Reads every image's pixels into {@code xs}; returns the FER2013 class indices. */
    private int[] read(List<FaceImageFolders.LabelledImage> images, List<float[]> xs, String what) {
        Progress progress = new Progress(err, what);
        int[] ys = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            xs.add(FaceImageRecordReader.pixels(images.get(i).file(), FaceCnn.SIZE));
            ys[i] = FaceImageFolders.FER2013_ORDER.indexOf(images.get(i).emotion());
            progress.update(i + 1, images.size());
        }
        progress.done();
        return ys;
    }
}
