package org.affect4j.fusion.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.affect4j.audio.net.SpeechNet;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchTensor;
import org.affect4j.core.train.ArrayTrainingTask;
import org.affect4j.core.nn.Logits;
import org.affect4j.core.train.RunningStatistics;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainingTask;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.fusion.train.MultimodalTraining;
import org.affect4j.vision.net.EmoNet;
import org.affect4j.vision.net.EmoNetLstmTraining;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains the seed's multimodal network end to end ({@link MultimodalTraining}: everything but EmoNet's
 * face-alignment network). An example is one clip's scaled mel, the frozen network's features of its head frames
 * ({@code VideoTrainingTask.faceFeatures}, supplied when the clip is used, e.g. from {@code ClipSource.fromVideos})
 * and its label in the seed's speech order.
 *
 * <p>Batch-norm running statistics (speech network and emotion head) are re-estimated after each epoch from up to
 * {@value #STAT_BATCHES} training batches; validation runs the inference graphs of the current weights (speech
 * network, emotion head + LSTM, fusion layer). Export: a {@link ModelArchive} of kind {@value #KIND} whose
 * {@code weights.*} tensors are the complete multimodal state dict in the seed's layout ({@code speech_net.*},
 * {@code emonet_lstm.*}, {@code fc.*}), the frozen face-alignment network exactly as given. Not thread-safe.
 */
public final class MultimodalTrainingTask implements TrainingTask {

    public static final String KIND = "multimodal";
    static final int STAT_BATCHES = 8;

    /**
     * One training or validation clip: scaled mel (1 × 128 × 563 values), its face features (supplied when the clip is
     * used: features of a real data set do not fit in memory, see {@code ClipSource}), label (seed speech order).
     */
    public record Example(float[] mel, Supplier<float[]> faces, int label) {
        public Example {
            Objects.requireNonNull(mel, "mel");
            Objects.requireNonNull(faces, "faces");
        }

        /** With face features already in memory. */
        public Example(float[] mel, float[] faces, int label) {
            this(mel, constant(faces), label);
        }

        private static Supplier<float[]> constant(float[] faces) {
            Objects.requireNonNull(faces, "faces");
            return () -> faces;
        }
    }

    private final StateDict init;
    private final MultimodalTraining.TrainingGraph graph;
    private final List<Example> train;
    private final List<Example> val;
    private final long faceValues;
    private final Map<String, Object> description;
    private final RunningStatistics runningStats = new RunningStatistics();

    /**
     * @param init        a multimodal state dict in the seed's layout: the frozen face-alignment network and the
     *                    starting point of everything else
     * @param clips       clips per step (the trainer's batch size)
     * @param stride      emotion-head frame stride the face features were computed at (1 = the seed)
     * @param description metadata stored with the exported model (data, protocol, the speech scaler used)
     */
    public MultimodalTrainingTask(StateDict init, int clips, int stride, List<Example> train, List<Example> val, Map<String, Object> description) {
        this.init = Objects.requireNonNull(init, "init");
        this.graph = MultimodalTraining.build(init, clips, stride);
        if (val.isEmpty()) {
            throw new IllegalArgumentException("no validation clips");
        }
        this.faceValues = (long) EmoNetLstmTraining.headFrames(stride) * EmoNet.FEATURE_CHANNELS * EmoNet.FEATURE_SIZE * EmoNet.FEATURE_SIZE;
        check("training", train);
        check("validation", val);
        this.train = List.copyOf(train);
        this.val = List.copyOf(val);
        this.description = Map.copyOf(description);
        for (RunningStatistics.Layer l : graph.batchNorms()) {
            int channels = Math.toIntExact(init.tensor(l.prefix() + "running_mean").numel());
            runningStats.put(l.prefix() + "running_mean", init.floats(l.prefix() + "running_mean", channels));
            runningStats.put(l.prefix() + "running_var", init.floats(l.prefix() + "running_var", channels));
        }
    }

    /** Mel sizes and labels now; face features when a clip is used ({@link #faces}). */
    private static void check(String set, List<Example> xs) {
        long mel = (long) SpeechNet.N_MELS * SpeechNet.N_FRAMES;
        for (int i = 0; i < xs.size(); i++) {
            Example e = xs.get(i);
            if (e.mel().length != mel) {
                throw new IllegalArgumentException(set + " clip " + i + " has " + e.mel().length + " mel values, expected " + mel + " (1 x 128 x 563)");
            }
            if (e.label() < 0 || e.label() >= 8) {
                throw new IllegalArgumentException(set + " clip " + i + " has label " + e.label() + ", expected 0..7");
            }
        }
    }

    private float[] faces(String set, int i, Example e) {
        float[] f = e.faces().get();
        if (f == null || f.length != faceValues) {
            throw new IllegalArgumentException(set + " clip " + i + " has " + (f == null ? "no" : String.valueOf(f.length))
                    + " face feature values, expected " + faceValues + " (head frames x 768 x 64 x 64 at this stride)");
        }
        return f;
    }

    @Override
    public SameDiff graph() {
        return graph.sameDiff();
    }

    @Override
    public GraphNames names() {
        return new GraphNames(MultimodalTraining.MEL, MultimodalTraining.LABELS, MultimodalTraining.LOSS, MultimodalTraining.LOGITS);
    }

    @Override
    public List<String> inputNames() {
        return List.of(MultimodalTraining.MEL, MultimodalTraining.FEATURES);
    }

    @Override
    public int size() {
        return train.size();
    }

    /** Not available: the graph has two inputs; the {@link Trainer} feeds {@link #multiBatch}. */
    @Override
    public DataSet batch(int[] indices) {
        throw new UnsupportedOperationException("the multimodal graph has two inputs (mel and face features): use multiBatch");
    }

    @Override
    public MultiDataSet multiBatch(int[] indices) {
        Map<String, INDArray> in = inputs(train, "training", indices);
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            labels[i] = train.get(indices[i]).label();
        }
        INDArray oneHot = ArrayTrainingTask.oneHot(labels, java.util.stream.IntStream.range(0, labels.length).toArray(), 8);
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {in.get(MultimodalTraining.MEL), in.get(MultimodalTraining.FEATURES)}, new INDArray[] {oneHot});
    }

    /** Both placeholders for the examples at {@code idx}: mel (n, 1, 128, 563) and clip-major face features. */
    private Map<String, INDArray> inputs(List<Example> xs, String set, int[] idx) {
        int melPer = SpeechNet.N_MELS * SpeechNet.N_FRAMES;
        int frames = EmoNetLstmTraining.headFrames(graph.stride());
        int facePer = Math.toIntExact(faceValues);
        float[] mel = new float[idx.length * melPer];
        float[] faces = new float[Math.toIntExact((long) idx.length * facePer)];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(xs.get(idx[i]).mel(), 0, mel, i * melPer, melPer);
            System.arraycopy(faces(set, idx[i], xs.get(idx[i])), 0, faces, i * facePer, facePer);
        }
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(MultimodalTraining.MEL, Nd4j.create(mel, new long[] {idx.length, 1, SpeechNet.N_MELS, SpeechNet.N_FRAMES}, 'c'));
        m.put(MultimodalTraining.FEATURES, Nd4j.create(faces,
                new long[] {(long) idx.length * frames, EmoNet.FEATURE_CHANNELS, EmoNet.FEATURE_SIZE, EmoNet.FEATURE_SIZE}, 'c'));
        return m;
    }

    @Override
    public void endEpoch(long epochSeed) {
        int b = graph.clips();
        int[] perm = Trainer.permutation(train.size(), new Random(epochSeed ^ 0x5DEECE66DL));
        runningStats.reestimate(graph.sameDiff(), graph.batchNorms(), Math.min(STAT_BATCHES, train.size() / b),
                k -> inputs(train, "training", Arrays.copyOfRange(perm, k * b, (k + 1) * b)));
    }

    /** Loss and accuracy on the validation clips, one at a time, with the current weights in inference mode. */
    @Override
    public Score validate() {
        Inference inf = new Inference(stateDict(), graph.stride());
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < val.size(); i++) {
            Example e = val.get(i);
            float[] row = inf.logits(e.mel(), faces("validation", i, e));
            loss += Logits.crossEntropy(row, e.label());
            correct += Logits.argmax(row) == e.label() ? 1 : 0;
        }
        return new Score(loss / val.size(), correct / (double) val.size());
    }

    /** Fused logits (seed speech order) of one example with the current weights in inference mode. */
    public float[] logits(Example e) {
        return new Inference(stateDict(), graph.stride()).logits(e.mel(), faces("given", 0, e));
    }

    /** The inference graphs of a multimodal state dict: speech network, emotion head + LSTM on face features, fusion. */
    private static final class Inference {
        private final SameDiff speech;
        private final SameDiff video;
        private final FusionNet fusion;

        Inference(StateDict weights, int stride) {
            this.speech = SpeechNet.build(weights.stripPrefix(MultimodalTraining.SPEECH_PREFIX));
            this.video = EmoNetLstmTraining.buildInference(weights.stripPrefix(MultimodalTraining.VIDEO_PREFIX), 1, stride);
            this.fusion = FusionNet.create(weights);
        }

        float[] logits(float[] melValues, float[] faceValues) {
            int frames = faceValues.length / (EmoNet.FEATURE_CHANNELS * EmoNet.FEATURE_SIZE * EmoNet.FEATURE_SIZE);
            try (INDArray mel = Nd4j.create(melValues, new long[] {1, 1, SpeechNet.N_MELS, SpeechNet.N_FRAMES}, 'c');
                 INDArray faces = Nd4j.create(faceValues, new long[] {frames, EmoNet.FEATURE_CHANNELS, EmoNet.FEATURE_SIZE, EmoNet.FEATURE_SIZE}, 'c');
                 INDArray s = speech.output(Map.of(SpeechNet.INPUT, mel), SpeechNet.LOGITS).get(SpeechNet.LOGITS);
                 INDArray v = video.output(Map.of(EmoNetLstmTraining.FEATURES, faces), EmoNetLstmTraining.LOGITS).get(EmoNetLstmTraining.LOGITS)) {
                return fusion.fuse(v.toFloatMatrix()[0], s.toFloatMatrix()[0]);
            }
        }
    }

    /**
     * The current complete multimodal state dict in the seed's layout (the order of {@code init}): trained tensors
     * from the graph, running statistics from the last re-estimate, the frozen face-alignment network as given.
     */
    public StateDict stateDict() {
        SameDiff sd = graph.sameDiff();
        Map<String, TorchTensor> trained = new LinkedHashMap<>();
        StateDict speech = SpeechNet.trainedStateDict(sd, k -> runningStats.get(MultimodalTraining.SPEECH_PREFIX + k));
        speech.keys().forEach(k -> trained.put(MultimodalTraining.SPEECH_PREFIX + k, speech.tensor(k)));
        StateDict video = EmoNetLstmTraining.trainedStateDict(sd, init.stripPrefix(MultimodalTraining.VIDEO_PREFIX),
                k -> runningStats.get(MultimodalTraining.VIDEO_PREFIX + k));
        video.keys().forEach(k -> trained.put(MultimodalTraining.VIDEO_PREFIX + k, video.tensor(k)));
        for (String k : List.of("fc.weight", "fc.bias")) {
            SDVariable v = sd.getVariable(k);
            trained.put(k, TorchTensor.ofFloats(v.getArr().dup('c').data().asFloat(), v.getArr().shape()));
        }
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (String k : init.keys()) {
            out.put(k, trained.getOrDefault(k, init.tensor(k)));
        }
        return StateDict.of(out, java.nio.file.Path.of("trained-in-java"));
    }

    @Override
    public RunningStatistics runningStatistics() {
        return runningStats;
    }

    /** Example counts and the face-feature size of a clip (which changes with the stride). */
    @Override
    public Map<String, Object> runIdentity() {
        return Map.of("trainExamples", size(), "validationExamples", val.size(), "faceValues", faceValues);
    }

    @Override
    public ModelArchive export(Map<String, Object> provenance) {
        return org.affect4j.vision.train.VideoTrainingTask.archive(description, KIND, graph.stride(), provenance, stateDict());
    }
}
