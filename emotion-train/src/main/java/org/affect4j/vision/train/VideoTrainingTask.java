package org.affect4j.vision.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.train.ArrayTrainingTask;
import org.affect4j.core.nn.Logits;
import org.affect4j.core.train.RunningStatistics;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainingTask;
import org.affect4j.vision.net.EmoNet;
import org.affect4j.vision.net.EmoNetLstmTraining;
import org.affect4j.vision.net.LstmHead;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains the seed's video network with the seed's freezing: EmoNet's face-alignment network frozen, its emotion
 * head + the LSTM + the linears trained ({@link EmoNetLstmTraining}). Examples are the frozen network's features
 * of each clip's head frames ({@link #faceFeatures}) from a {@link ClipSource}: held in memory for small sets, or
 * computed from the video whenever the clip is used ({@link ClipSource#fromVideos}), as the seed does.
 *
 * <p>Batch norms train on batch statistics; after each epoch their running statistics are re-estimated from up to
 * {@value #STAT_BATCHES} training batches (mean of the batch means and of the unbiased batch variances) and used for
 * validation and export. Export: a {@link ModelArchive} of kind {@value #KIND} whose {@code weights.*} tensors are
 * the complete EmoNet-LSTM state dict in the seed's layout ({@code net.*}, {@code rnns.*}, {@code fc.*}; load them
 * with {@code EmoNetLstm.create(archive.stateDict("weights."), …)}). Not thread-safe.
 */
public final class VideoTrainingTask implements TrainingTask {

    public static final String KIND = "emonet-lstm";
    static final int STAT_BATCHES = 8;

    private final StateDict init;
    private final EmoNetLstmTraining.TrainingGraph graph;
    private final ClipSource train;
    private final ClipSource val;
    private final long featureValues;
    private final Map<String, Object> description;
    private final RunningStatistics runningStats = new RunningStatistics();

    /**
     * @param init        EmoNet-LSTM weights ({@code net.*}, {@code rnns.*}, {@code fc.*}; a leading {@code emonet_lstm.}
     *                    is removed): the frozen FAN and the starting point of the trained part
     * @param clips       clips per step (the trainer's batch size; the seed uses 1)
     * @param stride      head frame stride (1 = the seed: every one of the 90 frames)
     * @param train       per training clip, {@link #faceFeatures} at {@code stride}; labels in EmoNet order
     * @param val         the same for the model-selection clips
     * @param description metadata stored with the exported model
     */
    public VideoTrainingTask(StateDict init, int clips, int stride, List<float[]> train, int[] trainLabels, List<float[]> val,
                             int[] valLabels, Map<String, Object> description) {
        this(init, clips, stride, sameSize("training", train, trainLabels), sameSize("validation", val, valLabels), description);
        for (int i = 0; i < train.size(); i++) {
            checkFeatures(this.train, "training", i, train.get(i));
        }
        for (int i = 0; i < val.size(); i++) {
            checkFeatures(this.val, "validation", i, val.get(i));
        }
    }

    /**
     * As {@link #VideoTrainingTask(StateDict, int, int, List, int[], List, int[], Map)} with clips from sources, e.g.
     * {@link ClipSource#fromVideos} for a data set too large to hold its features in memory. Labels are checked
     * here; each clip's features when it is used.
     */
    public VideoTrainingTask(StateDict init, int clips, int stride, ClipSource train, ClipSource val, Map<String, Object> description) {
        Objects.requireNonNull(init, "init");
        this.init = init.hasPrefix("emonet_lstm.") ? init.stripPrefix("emonet_lstm.") : init;
        this.graph = EmoNetLstmTraining.build(this.init, clips, stride);
        this.featureValues = (long) EmoNetLstmTraining.headFrames(stride) * featureValuesPerFrame();
        this.train = Objects.requireNonNull(train, "train");
        this.val = Objects.requireNonNull(val, "val");
        if (val.size() == 0) {
            throw new IllegalArgumentException("no validation clips");
        }
        checkLabels("training", train);
        checkLabels("validation", val);
        this.description = Map.copyOf(description);
        for (EmoNetLstmTraining.BatchStats s : graph.batchStats()) {
            for (String t : new String[] {"running_mean", "running_var"}) {
                String k = "net." + s.prefix() + t;
                runningStats.put(k, this.init.floats(k, s.channels()));
            }
        }
    }

    private static ClipSource sameSize(String set, List<float[]> features, int[] labels) {
        if (features.size() != labels.length) {
            throw new IllegalArgumentException(set + ": " + features.size() + " clips but " + labels.length + " labels");
        }
        return ClipSource.inMemory(features, labels);
    }

    private static void checkLabels(String set, ClipSource s) {
        for (int i = 0; i < s.size(); i++) {
            if (s.label(i) < 0 || s.label(i) >= EmoNet.N_EXPRESSION) {
                throw new IllegalArgumentException(set + " clip " + i + " (" + s.name(i) + ") has label " + s.label(i) + ", expected 0..7");
            }
        }
    }

    private float[] checkFeatures(ClipSource s, String set, int i, float[] f) {
        if (f.length != featureValues) {
            throw new IllegalArgumentException(set + " clip " + i + " (" + s.name(i) + ") has " + f.length + " feature values, expected "
                    + featureValues + " (head frames x 768 x 64 x 64 at this stride)");
        }
        return f;
    }

    /**
     * The frozen network's features of one 90-frame clip's head frames (0, stride, 2·stride, …): {@code frames} is
     * float32 (90, 3, 256, 256) C-order in [0, 1]; {@code fan} is {@link EmoNetLstmTraining#faceFeatureGraph}. Runs
     * in chunks of {@code frameBatch} frames.
     */
    public static float[] faceFeatures(SameDiff fan, float[] frames, int stride, int frameBatch) {
        int per = 3 * EmoNet.SIZE * EmoNet.SIZE;
        if (frames.length != (long) EmoNetLstmTraining.headFrames(1) * per) {
            throw new IllegalArgumentException("expected 90 frames of 3x256x256 = " + 90L * per + " values, got " + frames.length);
        }
        if (frameBatch < 1) {
            throw new IllegalArgumentException("frameBatch must be >= 1");
        }
        int[] idx = LstmHead.headFrameIndices(stride);
        int perOut = featureValuesPerFrame();
        float[] out = new float[Math.toIntExact((long) idx.length * perOut)];
        for (int from = 0; from < idx.length; from += frameBatch) {
            int b = Math.min(frameBatch, idx.length - from);
            float[] chunk = new float[b * per];
            for (int i = 0; i < b; i++) {
                System.arraycopy(frames, idx[from + i] * per, chunk, i * per, per);
            }
            try (INDArray x = Nd4j.create(chunk, new long[] {b, 3, EmoNet.SIZE, EmoNet.SIZE}, 'c');
                 INDArray f = fan.output(Map.of(EmoNet.INPUT, x), EmoNetLstmTraining.FEATURES).get(EmoNetLstmTraining.FEATURES)) {
                float[] v = f.dup('c').data().asFloat();
                System.arraycopy(v, 0, out, from * perOut, b * perOut);
            }
        }
        return out;
    }

    /**
     * A 90-step sequence from {@link org.affect4j.vision.data.FaceSequenceRecordReader} (rows of [face crop, label])
     * as the float32 (90, 3, 256, 256) frames {@link #faceFeatures} takes, and its label: the bridge from the DataVec
     * reader to training.
     *
     * @throws IllegalArgumentException when the sequence does not have 90 steps of one 3 × 256 × 256 crop and a label
     */
    public static LabelledFrames framesOf(List<List<Writable>> sequence) {
        int per = 3 * EmoNet.SIZE * EmoNet.SIZE;
        int steps = EmoNetLstmTraining.headFrames(1);
        if (sequence.size() != steps) {
            throw new IllegalArgumentException("expected a sequence of " + steps + " steps, got " + sequence.size());
        }
        float[] frames = new float[steps * per];
        int label = -1;
        for (int t = 0; t < steps; t++) {
            List<Writable> row = sequence.get(t);
            if (row.size() != 2 || !(row.get(0) instanceof NDArrayWritable crop) || crop.get().length() != per) {
                throw new IllegalArgumentException("step " + t + " is not [face crop of " + per + " values, label]: " + describe(row));
            }
            int l = row.get(1).toInt();
            if (label >= 0 && l != label) {
                throw new IllegalArgumentException("step " + t + " has label " + l + ", earlier steps " + label);
            }
            label = l;
            float[] x = crop.get().dup('c').data().asFloat();
            System.arraycopy(x, 0, frames, t * per, per);
        }
        return new LabelledFrames(frames, label);
    }

    /** A clip's 90 face crops (float32 (90, 3, 256, 256) in [0, 1]) and its label. */
    public record LabelledFrames(float[] frames, int label) {
    }

    private static String describe(List<Writable> row) {
        return row.stream().map(w -> w.getClass().getSimpleName()).toList().toString();
    }

    private static int featureValuesPerFrame() {
        return EmoNet.FEATURE_CHANNELS * EmoNet.FEATURE_SIZE * EmoNet.FEATURE_SIZE;
    }

    @Override
    public SameDiff graph() {
        return graph.sameDiff();
    }

    @Override
    public GraphNames names() {
        return new GraphNames(EmoNetLstmTraining.FEATURES, EmoNetLstmTraining.LABELS, EmoNetLstmTraining.LOSS, EmoNetLstmTraining.LOGITS);
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public DataSet batch(int[] indices) {
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            labels[i] = train.label(indices[i]);
        }
        return new DataSet(features(train, "training", indices), ArrayTrainingTask.oneHot(labels,
                java.util.stream.IntStream.range(0, labels.length).toArray(), EmoNet.N_EXPRESSION));
    }

    /** Clip-major stack of the clips' head-frame features: (clips × F, 768, 64, 64). */
    private INDArray features(ClipSource source, String set, int[] idx) {
        int f = EmoNetLstmTraining.headFrames(graph.stride());
        int per = Math.toIntExact(featureValues);
        float[] buf = new float[Math.toIntExact((long) idx.length * per)];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(checkFeatures(source, set, idx[i], source.features(idx[i])), 0, buf, i * per, per);
        }
        return Nd4j.create(buf, new long[] {(long) idx.length * f, EmoNet.FEATURE_CHANNELS, EmoNet.FEATURE_SIZE, EmoNet.FEATURE_SIZE}, 'c');
    }

    @Override
    public void endEpoch(long epochSeed) {
        int b = graph.clips();
        int[] perm = Trainer.permutation(train.size(), new Random(epochSeed ^ 0x5DEECE66DL));
        List<RunningStatistics.Layer> layers = new ArrayList<>();
        for (EmoNetLstmTraining.BatchStats s : graph.batchStats()) {
            layers.add(new RunningStatistics.Layer("net." + s.prefix(), s.meanVariable(), s.varianceVariable(),
                    (double) graph.featureFrames() * s.spatialSize()));
        }
        runningStats.reestimate(graph.sameDiff(), layers, Math.min(STAT_BATCHES, train.size() / b),
                k -> Map.of(EmoNetLstmTraining.FEATURES, features(train, "training", Arrays.copyOfRange(perm, k * b, (k + 1) * b))));
    }

    /** Loss and accuracy on the validation clips, one clip at a time, with the running statistics. */
    @Override
    public Score validate() {
        StateDict weights = stateDict();
        SameDiff inf = EmoNetLstmTraining.buildInference(weights, 1, graph.stride());
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < val.size(); i++) {
            try (INDArray x = features(val, "validation", new int[] {i});
                 INDArray l = inf.output(Map.of(EmoNetLstmTraining.FEATURES, x), EmoNetLstmTraining.LOGITS).get(EmoNetLstmTraining.LOGITS)) {
                float[] row = l.toFloatMatrix()[0];
                loss += Logits.crossEntropy(row, val.label(i));
                correct += Logits.argmax(row) == val.label(i) ? 1 : 0;
            }
        }
        return new Score(loss / val.size(), correct / (double) val.size());
    }

    /**
     * The current complete EmoNet-LSTM state dict in the seed's layout: the frozen FAN exactly as given, the trained
     * tensors from the graph, the head's running statistics from the last re-estimate.
     */
    public StateDict stateDict() {
        return EmoNetLstmTraining.trainedStateDict(graph.sameDiff(), init, runningStats::get);
    }

    @Override
    public RunningStatistics runningStatistics() {
        return runningStats;
    }

    /** Example counts and the face-feature size of a clip (which changes with the stride). */
    @Override
    public Map<String, Object> runIdentity() {
        return Map.of("trainExamples", size(), "validationExamples", val.size(), "featureValues", featureValues);
    }

    @Override
    public ModelArchive export(Map<String, Object> provenance) {
        return archive(description, KIND, graph.stride(), provenance, stateDict());
    }

    /**
     * A trained video (or multimodal) model's archive: the run's description plus {@code kind}, the EmoNet stride it
     * was trained with and the trainer's provenance, and the weights under {@code weights.}.
     */
    public static ModelArchive archive(Map<String, Object> description, String kind, int emonetStride,
                                       Map<String, Object> provenance, org.affect4j.core.checkpoint.StateDict weights) {
        Map<String, Object> meta = new LinkedHashMap<>(description);
        meta.put("kind", kind);
        meta.put("emonetStride", emonetStride);
        meta.put("provenance", new LinkedHashMap<>(provenance));
        return ModelArchive.of(meta, "weights.", weights);
    }
}
