package org.affect4j.core.train;

import org.affect4j.core.nn.Logits;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.ModelArchive;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains any {@link TrainingTask} with SameDiff: Adam + L2 weight decay, cross-entropy, ReduceLROnPlateau on the
 * validation loss, the best model (by validation accuracy, ties by loss) exported on improvement, and a resumable
 * checkpoint after every epoch.
 *
 * <p>Work directory: {@value #LAST} (weights, Adam moments, iteration, learning-rate state, history, task state)
 * and {@value #BEST} (the task's deployable model). Starting a run in a directory that holds {@value #LAST}
 * resumes it; each epoch's shuffling and dropout masks derive from {@code seed} and the epoch number, so a resumed
 * run takes the same steps as an uninterrupted one. Not thread-safe; one run per work directory.
 */
public final class Trainer {

    public static final String LAST = "last-checkpoint.zip";
    public static final String BEST = "best-model.zip";
    static final String RUN_IDENTITY = "runIdentity";
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainerConfig config;
    private final Path workDir;
    private final TrainingListener listener;
    private final java.time.Duration budget;

    public Trainer(TrainerConfig config, Path workDir, TrainingListener listener) {
        this(config, workDir, listener, null);
    }

    /**
     * @param budget wall time after which the run stops at the end of the current epoch (its checkpoint saved, so
     *               the same call resumes it later); null = no limit
     */
    public Trainer(TrainerConfig config, Path workDir, TrainingListener listener, java.time.Duration budget) {
        this.config = Objects.requireNonNull(config, "config");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.listener = listener == null ? new TrainingListener() { } : listener;
        if (budget != null && budget.isNegative()) {
            throw new IllegalArgumentException("negative time budget");
        }
        this.budget = budget;
    }

    /**
     * The run's outcome: every epoch (resumed ones included), the best model's file, and whether all configured
     * epochs ran ({@code false} when the time budget stopped it early).
     */
    public record Result(List<EpochRecord> history, int bestEpoch, double bestValAccuracy, Path bestModel, boolean complete) {
        public Result {
            history = List.copyOf(history);
        }
    }

    public Result fit(TrainingTask task) {
        Objects.requireNonNull(task, "task");
        if (task.size() < config.batchSize()) {
            throw new IllegalArgumentException("training set of " + task.size() + " examples is smaller than one batch of " + config.batchSize());
        }
        SameDiff sd = task.graph();
        PlateauRate rate = new PlateauRate(config.learningRate(), config.plateauFactor(), config.plateauPatience(), config.minLearningRate());
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(rate))
                .l2(config.weightDecay())
                .dataSetFeatureMapping(task.inputNames().toArray(String[]::new))
                .dataSetLabelMapping(task.labelName())
                .build());
        sd.setLossVariables(task.lossName());
        initialiseUpdaters(sd);

        List<EpochRecord> history = new ArrayList<>();
        int start = 0;
        int bestEpoch = -1;
        double bestAcc = -1;
        double bestLoss = Double.POSITIVE_INFINITY;
        Path last = workDir.resolve(LAST);
        if (Files.exists(last)) {
            ModelArchive ckpt = ModelArchive.read(last);
            Map<String, Object> m = ckpt.meta();
            requireSameRun(ckpt, task);
            start = ((Number) m.get("nextEpoch")).intValue();
            bestEpoch = ((Number) m.get("bestEpoch")).intValue();
            bestAcc = ((Number) m.get("bestValAccuracy")).doubleValue();
            bestLoss = ((Number) m.get("bestValLoss")).doubleValue();
            rate.restore(((Number) m.get("learningRate")).doubleValue(), ((Number) m.get("plateauBest")).doubleValue(),
                    ((Number) m.get("plateauBad")).intValue());
            sd.getTrainingConfig().setIterationCount(((Number) m.get("iteration")).intValue());
            sd.getTrainingConfig().setEpochCount(start);
            restore(sd, task, ckpt);
            for (Object o : (List<?>) m.get("history")) {
                history.add(fromMap((Map<?, ?>) o));
            }
            LOG.info("resuming {} at epoch {}", last, start);
            listener.resumed(start);
        }

        int steps = task.size() / config.batchSize();
        long deadline = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
        boolean complete = true;
        for (int epoch = start; epoch < config.epochs(); epoch++) {
            long t0 = System.nanoTime();
            listener.epochStarted(epoch, steps);
            long epochSeed = config.seed() * 1_000_003L + epoch;
            Nd4j.getRandom().setSeed(epochSeed);
            int[] order = permutation(task.size(), new Random(epochSeed));
            task.beginEpoch(epochSeed);
            double lr = rate.rate();
            double lossSum = 0;
            double accSum = 0;
            for (int s = 0; s < steps; s++) {
                int[] idx = new int[config.batchSize()];
                System.arraycopy(order, s * config.batchSize(), idx, 0, idx.length);
                MultiDataSet batch = task.multiBatch(idx);
                StepListener probe = new StepListener(task.logitsName());
                sd.fit(batch, probe);
                double[] la = lossAndAccuracy(probe.logits, batch.getLabels(0));
                lossSum += la[0];
                accSum += la[1];
                if (probe.logits != null && probe.logits.closeable()) {
                    probe.logits.close();
                }
                closeBatch(batch);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                listener.step(epoch, s + 1, steps, lossSum / (s + 1), accSum / (s + 1), elapsed / (s + 1) * (steps - s - 1));
            }
            task.endEpoch(epochSeed);
            TrainingTask.Score val = task.validate();
            boolean improved = val.accuracy() > bestAcc || (val.accuracy() == bestAcc && val.loss() < bestLoss);
            if (improved) {
                bestAcc = val.accuracy();
                bestLoss = val.loss();
                bestEpoch = epoch;
                Map<String, Object> prov = new LinkedHashMap<>();
                prov.put("epoch", epoch);
                prov.put("valAccuracy", val.accuracy());
                prov.put("valLoss", val.loss());
                task.export(prov).write(workDir.resolve(BEST));
            }
            rate.observe(val.loss());
            EpochRecord rec = new EpochRecord(epoch, lossSum / steps, accSum / steps, val.loss(), val.accuracy(), lr,
                    (System.nanoTime() - t0) / 1e9, improved);
            history.add(rec);
            listener.epoch(rec);
            saveCheckpoint(sd, task, rate, epoch + 1, bestEpoch, bestAcc, bestLoss, history);
            if (System.nanoTime() >= deadline && epoch + 1 < config.epochs()) {
                LOG.info("time budget spent after epoch {}; run again to resume", epoch + 1);
                complete = false;
                break;
            }
        }
        return new Result(history, bestEpoch, bestAcc, workDir.resolve(BEST), complete);
    }

    /** Captures one step's logits (SameDiff's History has no per-step loss for single-batch fits). */
    private static final class StepListener extends BaseListener {
        private final String logitsName;
        INDArray logits;

        StepListener(String logitsName) {
            this.logitsName = logitsName;
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public ListenerVariables requiredVariables(SameDiff sd) {
            return ListenerVariables.builder().trainingVariables(logitsName).build();
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
            List<String> names = op.getOutputsOfOp();
            if (names == null || outputs == null) {
                return;
            }
            int i = names.indexOf(logitsName);
            if (i >= 0 && i < outputs.length && outputs[i] != null) {
                logits = outputs[i].dup();
            }
        }

    }

    /** Mean cross-entropy and accuracy of one step's logits (before the update) against one-hot labels. */
    private static double[] lossAndAccuracy(INDArray logits, INDArray oneHot) {
        if (logits == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        float[][] l = logits.toFloatMatrix();
        float[][] y = oneHot.toFloatMatrix();
        int correct = 0;
        double loss = 0;
        for (int i = 0; i < l.length; i++) {
            int truth = Logits.argmax(y[i]);
            loss += Logits.crossEntropy(l[i], truth);
            if (Logits.argmax(l[i]) == truth) {
                correct++;
            }
        }
        return new double[] {loss / l.length, correct / (double) l.length};
    }

    /** SameDiff creates its updaters lazily on the first step; a resumed run needs them before it. */
    private static void initialiseUpdaters(SameDiff sd) {
        try {
            Method m = SameDiff.class.getDeclaredMethod("initializeTraining");
            m.setAccessible(true);
            m.invoke(sd);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot initialise SameDiff training state", e);
        }
    }

    private void requireSameRun(ModelArchive ckpt, TrainingTask task) {
        Map<String, Object> m = ckpt.meta();
        if (!Objects.equals(m.get("batchSize"), config.batchSize()) || !Objects.equals(((Number) m.get("seed")).longValue(), config.seed())) {
            throw new CheckpointException(ckpt.source(), "checkpoint was made with batch size " + m.get("batchSize") + " and seed "
                    + m.get("seed") + ", this run uses " + config.batchSize() + " and " + config.seed() + ": use a new work directory");
        }
        if (!(m.get(RUN_IDENTITY) instanceof Map<?, ?> saved)) {
            LOG.warn("{} predates run identities: cannot check that it was made with this run's data, optimiser and augmentation",
                    ckpt.source());
            return;
        }
        Map<String, String> now = runIdentity(task);
        List<String> diffs = new ArrayList<>();
        for (String k : new java.util.TreeSet<>(union(saved.keySet(), now.keySet()))) {
            Object was = saved.get(k);
            String is = now.get(k);
            if (!Objects.equals(was == null ? null : was.toString(), is)) {
                diffs.add(k + ": checkpoint '" + was + "', this run '" + is + "'");
            }
        }
        if (!diffs.isEmpty()) {
            throw new CheckpointException(ckpt.source(), "checkpoint belongs to a different run (" + String.join("; ", diffs)
                    + "): use the same options to resume, or a new work directory");
        }
    }

    private static java.util.Set<String> union(java.util.Set<?> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(b);
        a.forEach(k -> u.add(String.valueOf(k)));
        return u;
    }

    /**
     * What a resumed run must share with the checkpoint beyond batch size and seed: the optimiser's settings (the
     * epoch budget may grow) and the task's {@link TrainingTask#runIdentity()}, as strings.
     */
    private Map<String, String> runIdentity(TrainingTask task) {
        Map<String, String> id = new java.util.TreeMap<>();
        id.put("learningRate", String.valueOf(config.learningRate()));
        id.put("weightDecay", String.valueOf(config.weightDecay()));
        id.put("plateauFactor", String.valueOf(config.plateauFactor()));
        id.put("plateauPatience", String.valueOf(config.plateauPatience()));
        task.runIdentity().forEach((k, v) -> id.put("task." + k, String.valueOf(v)));
        return id;
    }

    private static List<SDVariable> trainable(SameDiff sd) {
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).toList();
    }

    private void saveCheckpoint(SameDiff sd, TrainingTask task, PlateauRate rate, int nextEpoch, int bestEpoch,
                                double bestAcc, double bestLoss, List<EpochRecord> history) {
        Map<String, ModelArchive.Tensor> t = new LinkedHashMap<>();
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        for (SDVariable v : trainable(sd)) {
            t.put("param." + v.name(), tensor(v.getArr()));
            GradientUpdater<?> u = updaters.get(v.name());
            if (u != null) {
                for (Map.Entry<String, INDArray> e : u.getState().entrySet()) {
                    t.put("updater." + v.name() + "." + e.getKey(), tensor(e.getValue()));
                }
            }
        }
        task.extraState().forEach((k, v) -> t.put("task." + k, v));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "training-checkpoint");
        m.put("nextEpoch", nextEpoch);
        m.put("iteration", sd.getTrainingConfig().getIterationCount());
        m.put("learningRate", rate.rate());
        m.put("plateauBest", Double.isInfinite(rate.best()) ? Double.MAX_VALUE : rate.best());
        m.put("plateauBad", rate.bad());
        m.put("bestEpoch", bestEpoch);
        m.put("bestValAccuracy", bestAcc);
        m.put("bestValLoss", Double.isInfinite(bestLoss) ? Double.MAX_VALUE : bestLoss);
        m.put("batchSize", config.batchSize());
        m.put("seed", config.seed());
        m.put(RUN_IDENTITY, runIdentity(task));
        m.put("history", history.stream().map(Trainer::toMap).toList());
        ModelArchive.of(m, t).write(workDir.resolve(LAST));
    }

    private static void restore(SameDiff sd, TrainingTask task, ModelArchive ckpt) {
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        for (SDVariable v : trainable(sd)) {
            ModelArchive.Tensor p = ckpt.tensor("param." + v.name());
            INDArray arr = v.getArr();
            if (!java.util.Arrays.equals(arr.shape(), p.shape())) {
                throw new CheckpointException(ckpt.source(), "parameter " + v.name() + " has shape " + java.util.Arrays.toString(p.shape())
                        + ", the graph needs " + java.util.Arrays.toString(arr.shape()));
            }
            arr.assign(Nd4j.create(p.toFloats(), p.shape(), 'c'));
            GradientUpdater<?> u = updaters.get(v.name());
            if (u != null) {
                Map<String, INDArray> state = new LinkedHashMap<>();
                for (Map.Entry<String, INDArray> e : u.getState().entrySet()) {
                    ModelArchive.Tensor s = ckpt.tensor("updater." + v.name() + "." + e.getKey());
                    e.getValue().assign(Nd4j.create(s.toFloats(), s.shape(), 'c'));
                    state.put(e.getKey(), e.getValue());
                }
                u.setState(state, false);
            }
        }
        Map<String, ModelArchive.Tensor> extra = new LinkedHashMap<>();
        ckpt.tensors().forEach((k, v) -> {
            if (k.startsWith("task.")) {
                extra.put(k.substring(5), v);
            }
        });
        task.restoreExtraState(extra);
    }

    private static ModelArchive.Tensor tensor(INDArray a) {
        return ModelArchive.Tensor.of(a.dup('c').data().asFloat(), a.shape());
    }

    private static void closeBatch(MultiDataSet ds) {
        List<INDArray> arrays = new ArrayList<>(java.util.Arrays.asList(ds.getFeatures()));
        arrays.addAll(java.util.Arrays.asList(ds.getLabels()));
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** A Fisher–Yates permutation of 0..n-1. */
    public static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static Map<String, Object> toMap(EpochRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", r.epoch());
        m.put("trainLoss", r.trainLoss());
        m.put("trainAccuracy", r.trainAccuracy());
        m.put("valLoss", r.valLoss());
        m.put("valAccuracy", r.valAccuracy());
        m.put("learningRate", r.learningRate());
        m.put("seconds", r.seconds());
        m.put("improved", r.improved());
        return m;
    }

    private static EpochRecord fromMap(Map<?, ?> m) {
        return new EpochRecord(((Number) m.get("epoch")).intValue(), num(m, "trainLoss"), num(m, "trainAccuracy"), num(m, "valLoss"),
                num(m, "valAccuracy"), num(m, "learningRate"), num(m, "seconds"), (Boolean) m.get("improved"));
    }

    private static double num(Map<?, ?> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }
}
