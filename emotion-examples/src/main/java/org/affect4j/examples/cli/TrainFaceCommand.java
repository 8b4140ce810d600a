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
import org.affect4j.core.nn.Logits;
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

/**
 * {@code affect4j train-face} (issue 26): the library's own face-expression CNN (48x48 grey) trained on FER2013's
 * training split, selected on its validation split; resumable.
 */
@Command(name = "train-face", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Trains the library's own face-expression CNN on FER2013 (resumable).",
                "Trains the library's own face-expression CNN (48x48 grey) on FER2013's train/ split, selected on validation/ (augmented copies x.jpgN.jpg left out); resumable: rerun the same command."})
final class TrainFaceCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Option(names = "--data", required = true, paramLabel = "<fer2013 dir>", description = "FER2013 as image folders (train/, validation/, test/)")
    private Path data;

    @Option(names = "--work", required = true, paramLabel = "<dir>", description = "work folder: best-model.zip and resumable checkpoints")
    private Path work;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "epochs (default ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    private double lr;

    @Option(names = "--weight-decay", paramLabel = "X", defaultValue = "1e-4", description = "weight decay (default ${DEFAULT-VALUE})")
    private double weightDecay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    private int seed;

    @Option(names = "--augment", paramLabel = "standard|mirror-shift|none", defaultValue = "standard",
            description = "standard: mirror, shifts up to 4 px, rotations up to 10 degrees, zoom 0.9-1.1 (random crops); "
                    + "mirror-shift: the first two only (default ${DEFAULT-VALUE})")
    private String augment;

    @Option(names = "--dropout", paramLabel = "on|off", defaultValue = "on", description = "dropout (default ${DEFAULT-VALUE})")
    private String dropoutOption;

    @Option(names = "--max-minutes", paramLabel = "M", description = "stop after M minutes (at an epoch's end); rerun to resume")
    private Double maxMinutes;

    @Option(names = "--max-images", paramLabel = "K", description = "only K images of each split, spread evenly over its classes")
    private Integer maxImages;

    @Override
    public Integer call() {
        int limit = maxImages == null ? Integer.MAX_VALUE : maxImages;
        if (limit < 1) {
            throw new Affect4jCli.UsageException("--max-images must be >= 1, got " + limit);
        }
        FaceTrainingTask.Augmentation aug = switch (augment) {
            case "standard" -> FaceTrainingTask.Augmentation.STANDARD;
            case "mirror-shift" -> FaceTrainingTask.Augmentation.MIRROR_SHIFT;
            case "none" -> FaceTrainingTask.Augmentation.NONE;
            default -> throw new Affect4jCli.UsageException("--augment takes standard, mirror-shift or none, got '" + augment + "'");
        };
        boolean dropout = switch (dropoutOption) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new Affect4jCli.UsageException("--dropout takes on or off, got '" + dropoutOption + "'");
        };
        List<FaceImageFolders.LabelledImage> train = spread(FaceImageFolders.fer2013(data, "train"), limit);
        List<FaceImageFolders.LabelledImage> val = spread(FaceImageFolders.fer2013(data, "validation"), limit);
        List<float[]> trainX = new ArrayList<>();
        List<float[]> valX = new ArrayList<>();
        int[] trainY = read(train, trainX, "training images", cli.err);
        int[] valY = read(val, valX, "validation images", cli.err);
        TrainerConfig config = new TrainerConfig(epochs, batch, lr, weightDecay, 0.5, 2, 0, seed);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("data", "FER2013 (Goodfellow et al. 2013), research use; augmented copies (x.jpgN.jpg) left out");
        description.put("trainImages", train.size());
        description.put("validationImages", val.size());
        description.put("recipe", Map.of("optimizer", "Adam", "learningRate", config.learningRate(), "weightDecay",
                config.weightDecay(), "batchSize", config.batchSize(), "epochs", config.epochs(), "seed", config.seed(),
                "augmentation", aug.describe(), "dropout", dropout));
        FaceTrainingTask task = new FaceTrainingTask(FaceCnn.initialWeights(FaceImageFolders.FER2013_ORDER.size(), config.seed()),
                config.batchSize(), FaceImageFolders.FER2013_ORDER, trainX, trainY, valX, valY, aug, dropout, description);
        Duration budget = maxMinutes != null ? Duration.ofSeconds(Math.round(60 * maxMinutes)) : null;
        Trainer.Result r = new Trainer(config, work, new ConsoleTrainingListener(cli.out, cli.err, ""), budget).fit(task);
        cli.out.printf(Locale.ROOT, "best epoch %d, validation accuracy %.4f -> %s%n", r.bestEpoch() + 1, r.bestValAccuracy(), r.bestModel());
        if (!r.complete()) {
            cli.out.println("stopped by --max-minutes after " + r.history().size() + " epochs; run the same command again to resume");
        }
        return 0;
    }

    /**
     * {@code limit} images spread evenly over the split (the lists are in class-folder order, so the first {@code limit}
     * would be one or two classes): every class keeps its share.
     */
    static <T> List<T> spread(List<T> all, int limit) {
        if (all.size() <= limit) {
            return all;
        }
        List<T> out = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            out.add(all.get((int) ((long) i * all.size() / limit)));
        }
        return out;
    }

    /** Reads every image's pixels into {@code xs}; returns the FER2013 class indices. */
    static int[] read(List<FaceImageFolders.LabelledImage> images, List<float[]> xs, String what, java.io.PrintStream err) {
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
