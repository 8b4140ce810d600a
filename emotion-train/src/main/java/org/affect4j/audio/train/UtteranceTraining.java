package org.affect4j.audio.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.SpeechModelArchive;
import org.affect4j.audio.features.MelConfig;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.features.SpeechWindow;
import org.affect4j.audio.features.UtteranceStatistics;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.Degradations;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.audio.net.UtteranceNet;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.eval.LabelledFile;
import org.affect4j.core.nn.GraphWeights;
import org.affect4j.core.train.Trainer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training of the utterance model (beyond the seed; {@link UtteranceNet} over {@link UtteranceStatistics}): every
 * training clip is analysed as it is and under each of the recipe's {@link Degradations.Condition augmentations}
 * (e.g. the telephone channel and a cut to 2 s), the statistics are standardised with a scaler fitted on all of
 * them, and each ensemble member is trained in SameDiff (Adam, L2, dropout on the hidden units, Gaussian noise on
 * the inputs) for a fixed number of epochs — no model selection, so every actor not held out can train. Seeded:
 * the same files and recipe give the same model on the same machine. Not thread-safe.
 */
public final class UtteranceTraining {

    private static final Logger LOG = LoggerFactory.getLogger(UtteranceTraining.class);

    /**
     * What to train.
     *
     * @param members        ensemble size (logits averaged)
     * @param hidden         hidden units per member
     * @param epochs         passes over the (augmented) training set per member
     * @param batchSize      examples per step
     * @param learningRate   Adam's step size
     * @param l2             L2 coefficient on the weights
     * @param dropout        probability of dropping a hidden unit in training
     * @param inputNoise     standard deviation of the Gaussian noise added to the scaled inputs in training
     * @param augmentations  degraded copies of every training clip added to the training set
     * @param offsetSeconds  where the analysed window starts in a clip
     * @param windowSeconds  the analysed window's length
     * @param seed           seed of initialisation, order, noise and dropout
     */
    public record Recipe(int members, int hidden, int epochs, int batchSize, double learningRate, double l2, double dropout,
                         double inputNoise, List<Degradations.Condition> augmentations, double offsetSeconds, double windowSeconds,
                         long seed) {
        public Recipe {
            if (members < 1 || hidden < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(l2 >= 0)
                    || !(dropout >= 0 && dropout < 1) || !(inputNoise >= 0) || !(offsetSeconds >= 0) || !(windowSeconds > 0)) {
                throw new IllegalArgumentException("invalid utterance recipe " + members + "/" + hidden + "/" + epochs + "/" + batchSize
                        + "/" + learningRate + "/" + l2 + "/" + dropout + "/" + inputNoise + "/" + offsetSeconds + "/" + windowSeconds);
            }
            augmentations = List.copyOf(augmentations);
        }

        /** The analysed window at the utterance front end's rate (what the exported archive records). */
        public SpeechWindow window() {
            return new SpeechWindow(offsetSeconds, windowSeconds, MelConfig.utterance().sampleRate());
        }

        /**
         * The bundled model's recipe: 10 members of 256 hidden units, 100 epochs of batches of 64, Adam 0.01, L2 1e-3,
         * dropout 0.5, input noise 0.1; every clip also as telephone band and cut to its first 2 s; the window 0–6 s.
         */
        public static Recipe defaults() {
            return new Recipe(10, 256, 100, 64, 0.01, 1e-3, 0.5, 0.1,
                    List.of(Degradations.Condition.TELEPHONE, Degradations.Condition.CUT_2_S), 0.0, 6.0, 42L);
        }

        public Recipe withEpochs(int n) {
            return new Recipe(members, hidden, n, batchSize, learningRate, l2, dropout, inputNoise, augmentations, offsetSeconds,
                    windowSeconds, seed);
        }

        public Recipe withMembers(int n) {
            return new Recipe(n, hidden, epochs, batchSize, learningRate, l2, dropout, inputNoise, augmentations, offsetSeconds,
                    windowSeconds, seed);
        }

        public Recipe withAugmentations(List<Degradations.Condition> a) {
            return new Recipe(members, hidden, epochs, batchSize, learningRate, l2, dropout, inputNoise, a, offsetSeconds,
                    windowSeconds, seed);
        }

        /** The recipe as provenance (archive metadata). */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("members", members);
            m.put("hidden", hidden);
            m.put("epochs", epochs);
            m.put("batchSize", batchSize);
            m.put("learningRate", learningRate);
            m.put("l2", l2);
            m.put("dropout", dropout);
            m.put("inputNoise", inputNoise);
            m.put("augmentations", augmentations.stream().map(Degradations.Condition::id).toList());
            m.put("offsetSeconds", offsetSeconds);
            m.put("windowSeconds", windowSeconds);
            m.put("seed", seed);
            return m;
        }
    }

    /** Unscaled statistics of labelled clips (one row per clip and condition) and their label indices. */
    public record Examples(List<double[]> rows, int[] labels) {
        public Examples {
            rows = List.copyOf(rows);
            labels = labels.clone();
            if (rows.size() != labels.length) {
                throw new IllegalArgumentException(rows.size() + " rows but " + labels.length + " labels");
            }
        }
    }

    private UtteranceTraining() {
    }

    /** The input pipeline of a recipe (its window; the scaler a placeholder until fitted). */
    public static SpeechInput input(Recipe recipe, SklearnScaler scaler) {
        return SpeechInput.utterance(scaler, recipe.offsetSeconds(), recipe.windowSeconds());
    }

    private static SklearnScaler identity() {
        double[] mean = new double[UtteranceStatistics.SIZE];
        double[] scale = new double[UtteranceStatistics.SIZE];
        java.util.Arrays.fill(scale, 1.0);
        return new SklearnScaler(mean, scale);
    }

    /**
     * Statistics of every file under {@code condition} (decoded, degraded, the recipe's window), computed in parallel,
     * in the order of {@code files}.
     */
    public static Examples examples(List<LabelledFile> files, Degradations.Condition condition, Recipe recipe, LabelOrder order) {
        SpeechInput in = input(recipe, identity());
        double[][] rows = new double[files.size()][];
        int[] labels = new int[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            LabelledFile f = files.get(i);
            AudioSignal s = condition.apply(WavDecoder.decode(f.file()));
            rows[i] = in.statistics(in.window(s));
            labels[i] = order.indexOf(f.truth());
        });
        return new Examples(List.of(rows), labels);
    }

    /** {@link #examples} of the original clips and of each augmentation, concatenated. */
    public static Examples trainingExamples(List<LabelledFile> files, Recipe recipe, LabelOrder order) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Degradations.Condition> conditions = new ArrayList<>();
        conditions.add(Degradations.Condition.ORIGINAL);
        conditions.addAll(recipe.augmentations());
        for (Degradations.Condition c : conditions) {
            long t0 = System.nanoTime();
            Examples e = examples(files, c, recipe, order);
            rows.addAll(e.rows());
            for (int l : e.labels()) {
                labels.add(l);
            }
            LOG.info("utterance statistics of {} clips ({}) in {} s", files.size(), c.id(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        }
        return new Examples(rows, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A trained model: the network, its scaler and the archive that holds both with provenance. */
    public record Trained(UtteranceNet net, SklearnScaler scaler, ModelArchive archive) {
    }

    /**
     * Trains the recipe on {@code train} (unscaled statistics) and returns the model as an archive with
     * {@code provenance} added to the recipe's description.
     */
    public static Trained train(Examples train, Recipe recipe, LabelOrder order, Map<String, Object> provenance) {
        Objects.requireNonNull(train, "train");
        if (train.rows().size() < recipe.batchSize()) {
            throw new IllegalArgumentException("training set of " + train.rows().size() + " examples is smaller than one batch of "
                    + recipe.batchSize());
        }
        SklearnScaler scaler = SklearnScaler.fit(train.rows());
        int d = UtteranceStatistics.SIZE;
        int n = train.rows().size();
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] s = scaler.transform(train.rows().get(i));
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) s[j];
            }
        }
        List<float[][]> members = new ArrayList<>();
        for (int m = 0; m < recipe.members(); m++) {
            long t0 = System.nanoTime();
            members.add(trainMember(x, train.labels(), d, order.size(), recipe, recipe.seed() * 7919L + m));
            LOG.info("utterance member {}/{} trained in {} s", m + 1, recipe.members(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        }
        UtteranceNet net = UtteranceNet.of(d, recipe.hidden(), order.size(), members);
        Map<String, Object> prov = new LinkedHashMap<>(provenance);
        prov.put("recipe", recipe.describe());
        prov.put("trainingExamples", n);
        ModelArchive archive = SpeechModelArchive.toArchive(net, scaler, order, recipe.window(), prov);
        return new Trained(net, scaler, archive);
    }

    /** One member: He-initialised, trained in SameDiff; its weights (hidden kernel, hidden bias, out kernel, out bias). */
    static float[][] trainMember(float[] x, int[] labels, int d, int classes, Recipe recipe, long seed) {
        Random rng = new Random(seed);
        int h = recipe.hidden();
        float[][] init = {gaussian(rng, d * h, Math.sqrt(2.0 / d)), new float[h], gaussian(rng, h * classes, Math.sqrt(1.0 / h)),
                new float[classes]};
        SameDiff sd = UtteranceNet.memberGraph(d, h, classes, init);
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(recipe.learningRate()))
                .l2(recipe.l2())
                .dataSetFeatureMapping(UtteranceNet.INPUT, UtteranceNet.MASK)
                .dataSetLabelMapping(UtteranceNet.LABELS)
                .build());
        sd.setLossVariables(UtteranceNet.LOSS);
        Nd4j.getRandom().setSeed(seed);
        int n = labels.length;
        int b = recipe.batchSize();
        float keep = (float) (1.0 / (1.0 - recipe.dropout()));
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            int[] order = Trainer.permutation(n, rng);
            for (int from = 0; from + b <= n; from += b) {
                float[] xb = new float[b * d];
                float[] mb = new float[b * h];
                float[] yb = new float[b * classes];
                for (int i = 0; i < b; i++) {
                    int e = order[from + i];
                    for (int j = 0; j < d; j++) {
                        xb[i * d + j] = x[e * d + j] + (float) (rng.nextGaussian() * recipe.inputNoise());
                    }
                    for (int j = 0; j < h; j++) {
                        mb[i * h + j] = rng.nextDouble() < recipe.dropout() ? 0f : keep;
                    }
                    yb[i * classes + labels[e]] = 1f;
                }
                INDArray xs = Nd4j.create(xb, new long[] {b, d}, 'c');
                INDArray ms = Nd4j.create(mb, new long[] {b, h}, 'c');
                INDArray ys = Nd4j.create(yb, new long[] {b, classes}, 'c');
                sd.fit(new MultiDataSet(new INDArray[] {xs, ms}, new INDArray[] {ys}));
                xs.close();
                ms.close();
                ys.close();
            }
        }
        float[][] w = UtteranceNet.memberWeights(sd);
        GraphWeights.closeArrays(sd);
        return w;
    }

    private static float[] gaussian(Random rng, int n, double std) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (rng.nextGaussian() * std);
        }
        return out;
    }

    /** Loads a trained model from its archive (batches of 32, default silence threshold). */
    public static SpeechModel model(Trained t) {
        return SpeechModelArchive.fromArchive(t.archive(), 32, SpeechModel.DEFAULT_SILENCE_PEAK);
    }

    /** Files of {@code dir} (RAVDESS names) whose actor is in {@code actors}, sorted by path. */
    public static List<LabelledFile> ravdess(List<Path> files, java.util.Set<Integer> actors) {
        List<LabelledFile> out = new ArrayList<>();
        for (Path p : files) {
            LabelledFile f = LabelledFile.ofRavdess(p);
            if (actors.contains(f.speaker())) {
                out.add(f);
            }
        }
        return out;
    }
}
