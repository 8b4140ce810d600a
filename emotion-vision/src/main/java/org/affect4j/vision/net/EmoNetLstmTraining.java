package org.affect4j.vision.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchTensor;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seed's EmoNet-LSTM split for training the way the seed does: EmoNet's face-alignment network (FAN) frozen,
 * its emotion head, the LSTM and the linears trained.
 *
 * <ul>
 *   <li>{@link #faceFeatureGraph} — the frozen FAN as an inference graph: face crops (N, 3, 256, 256) → the
 *       features the emotion head reads (N, 768, 64, 64). Being outside the training graph, it cannot change.</li>
 *   <li>{@link #build} — the training graph: FAN features of {@code clips} clips → emotion head (batch norms in
 *       training mode: batch mean and biased variance over every frame of the batch, as PyTorch's
 *       {@code model.train()}) → per-frame expression logits → held over the 90 steps → {@link LstmHead} (with the
 *       seed's dropout 0.2 between its layers) → logits, mean cross-entropy. Every head, LSTM and linear parameter
 *       is a trainable variable.</li>
 *   <li>{@link #buildInference} — the same head in inference mode (running statistics), for validation and for
 *       checking an exported model.</li>
 * </ul>
 *
 * <p>{@code stride} k runs the emotion head on every k-th frame of the 90 and holds its output for the next k − 1,
 * exactly like the inference option {@code VideoOptions.emonetStride}: 1 is the seed's recipe; larger strides
 * divide memory and time by k. One deliberate difference from the seed: its {@code model.train()} also puts the
 * FAN's batch norms in training mode, so their running statistics drift although its parameters are frozen; here
 * the FAN stays exactly as loaded.
 */
public final class EmoNetLstmTraining {

    public static final String FEATURES = "face_features";
    public static final String LABELS = LstmHead.LABELS;
    public static final String LOSS = LstmHead.LOSS;
    public static final String LOGITS = LstmHead.LOGITS;
    private static final double EPS = 1e-5;

    private EmoNetLstmTraining() {
    }

    /**
     * Batch statistics of one of the head's batch norms: state-dict prefix (without {@code net.}), channels, the
     * H × W positions each frame contributes per channel (1 in the classifier), and the graph variables of its
     * mean and (biased) variance.
     */
    public record BatchStats(String prefix, int channels, long spatialSize, String meanVariable, String varianceVariable) {
    }

    /** A training graph for {@code clips} clips per step at {@code stride}, and its batch-norm statistics variables. */
    public record TrainingGraph(SameDiff sameDiff, int clips, int stride, List<BatchStats> batchStats) {
        public TrainingGraph {
            batchStats = List.copyOf(batchStats);
        }

        /** Frames of FAN features per step ({@code clips × headFrames(stride)}). */
        public int featureFrames() {
            return clips * headFrames(stride);
        }
    }

    /** Frames the emotion head runs on per clip at {@code stride} ({@link LstmHead#headFrames}). */
    public static int headFrames(int stride) {
        return LstmHead.headFrames(stride);
    }

    /**
     * The frozen face-alignment network of EmoNet weights {@code net} (no prefix, as in {@code emonet_8.pth}; the
     * head's tensors are ignored): placeholder {@link EmoNet#INPUT} (N, 3, 256, 256) in [0, 1] → output
     * {@value #FEATURES} (N, 768, 64, 64).
     */
    public static SameDiff faceFeatureGraph(StateDict net) {
        Objects.requireNonNull(net, "net");
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, fan(net));
        SDVariable x = sd.placeHolder(EmoNet.INPUT, DataType.FLOAT, -1, 3, EmoNet.SIZE, EmoNet.SIZE);
        sd.identity(FEATURES, EmoNet.faceFeatures(w, x));
        w.finish("num_batches_tracked");
        return sd;
    }

    /**
     * The training graph from an EmoNet-LSTM state dict ({@code net.*}, {@code rnns.*}, {@code fc.*}; the FAN's
     * tensors are not part of it). Placeholders {@value #FEATURES} (clips × ⌈90/stride⌉, 768, 64, 64), clip-major,
     * and {@value #LABELS} (clips, 8) one-hot in EmoNet order; loss {@value #LOSS}; logits {@value #LOGITS}. The
     * head's running statistics are not used (see {@link TrainingGraph#batchStats()}); trainable variables keep
     * their state-dict names without {@code net.}.
     */
    public static TrainingGraph build(StateDict emonetLstm, int clips, int stride) {
        SameDiff sd = SameDiff.create();
        int f = headFrames(stride);
        SDVariable x = sd.placeHolder(FEATURES, DataType.FLOAT, (long) clips * f, EmoNet.FEATURE_CHANNELS, EmoNet.FEATURE_SIZE, EmoNet.FEATURE_SIZE);
        Branch branch = defineTraining(sd, x, emonetLstm, clips, stride);
        SDVariable logits = sd.identity(LOGITS, branch.logits());
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, clips, EmoNet.N_EXPRESSION);
        sd.loss().softmaxCrossEntropy(LOSS, labels, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        return new TrainingGraph(sd, clips, stride, branch.batchStats());
    }

    /** The video network inside a larger graph: its (clips, 8) logits and its head's batch-norm statistics variables. */
    public record Branch(SDVariable logits, List<BatchStats> batchStats) {
        public Branch {
            batchStats = List.copyOf(batchStats);
        }
    }

    /**
     * Adds the trained part of the video network (emotion head in training mode, the seed's LSTM dropout, LSTM,
     * linears) to an existing graph {@code sd} on FAN features {@code features} (clips × ⌈90/stride⌉, 768, 64, 64),
     * for a larger model trained end to end (the seed's multimodal network). Trainable variables keep their
     * state-dict names without {@code net.}; no placeholder, label or loss is added; loading is strict.
     */
    public static Branch defineTraining(SameDiff sd, SDVariable features, StateDict emonetLstm, int clips, int stride) {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(emonetLstm, "emonetLstm");
        if (clips < 1) {
            throw new IllegalArgumentException("clips must be >= 1");
        }
        headFrames(stride);
        GraphWeights w = new GraphWeights(sd, trainableWeights(emonetLstm)).trainable(true);
        List<BatchStats> stats = new ArrayList<>();
        SDVariable out = EmoNet.emotionHead(w, features, (h, prefix, channels) -> trainingNorm(w, stats, h, prefix, channels));
        SDVariable logits = LstmHead.defineInto(w, hold(sd, expressions(sd, out), clips, stride), LstmHead.DROPOUT, clips);
        w.finish("num_batches_tracked");
        return new Branch(logits, stats);
    }

    /**
     * Head + LSTM in inference mode from an EmoNet-LSTM state dict: placeholder {@value #FEATURES}
     * (clips × ⌈90/stride⌉, 768, 64, 64) → {@value #LOGITS} (clips, 8). The FAN's tensors are not part of it.
     */
    public static SameDiff buildInference(StateDict emonetLstm, int clips, int stride) {
        Objects.requireNonNull(emonetLstm, "emonetLstm");
        int f = headFrames(stride);
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, trainableWeights(emonetLstm));
        SDVariable x = sd.placeHolder(FEATURES, DataType.FLOAT, (long) clips * f, EmoNet.FEATURE_CHANNELS, EmoNet.FEATURE_SIZE, EmoNet.FEATURE_SIZE);
        SDVariable out = EmoNet.emotionHead(w, x, w::batchNorm);
        sd.identity(LOGITS, LstmHead.defineInto(w, hold(sd, expressions(sd, out), clips, stride)));
        w.finish("num_batches_tracked");
        return sd;
    }

    /**
     * The seed's starting point for video training: EmoNet's weights ({@code emonet}, e.g. {@code emonet_8.pth},
     * names without a prefix; a {@code module.} prefix is already removed by the checkpoint reader) as {@code net.*},
     * and PyTorch's default initialisation of the rest, drawn from {@code seed}: LSTM weights and biases uniform in
     * ±1/√64, each linear's weight and bias uniform in ±1/√fan_in.
     *
     * @throws org.affect4j.core.CheckpointException when {@code emonet} lacks the emotion head or the face-alignment
     *                                               network (checked by building the graphs)
     */
    public static StateDict initialWeights(StateDict emonet, long seed) {
        Objects.requireNonNull(emonet, "emonet");
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (String k : emonet.keys()) {
            out.put("net." + k, emonet.tensor(k));
        }
        java.util.Random rng = new java.util.Random(seed);
        int h = LstmHead.HIDDEN;
        double lstmBound = 1 / Math.sqrt(h);
        for (int l = 0; l < 2; l++) {
            int in = l == 0 ? EmoNet.N_EXPRESSION : 2 * h;
            for (String dir : new String[] {"", "_reverse"}) {
                String sfx = "_l" + l + dir;
                out.put("rnns.weight_ih" + sfx, uniform(rng, lstmBound, 4L * h, in));
                out.put("rnns.weight_hh" + sfx, uniform(rng, lstmBound, 4L * h, h));
                out.put("rnns.bias_ih" + sfx, uniform(rng, lstmBound, 4L * h));
                out.put("rnns.bias_hh" + sfx, uniform(rng, lstmBound, 4L * h));
            }
        }
        int flat = LstmHead.FRAMES * 2 * h;
        out.put("fc.0.weight", uniform(rng, 1 / Math.sqrt(flat), h, flat));
        out.put("fc.0.bias", uniform(rng, 1 / Math.sqrt(flat), h));
        out.put("fc.1.weight", uniform(rng, 1 / Math.sqrt(h), EmoNet.N_EXPRESSION, h));
        out.put("fc.1.bias", uniform(rng, 1 / Math.sqrt(h), EmoNet.N_EXPRESSION));
        StateDict init = StateDict.of(out, emonet.source());
        faceFeatureGraph(init.stripPrefix("net."));   // strict: fails on a missing or mis-shaped tensor
        buildInference(init, 1, LstmHead.FRAMES);
        return init;
    }

    private static TorchTensor uniform(java.util.Random rng, double bound, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return TorchTensor.ofFloats(v, shape);
    }

    /**
     * The complete EmoNet-LSTM state dict (the layout of {@code init}: {@code net.*}, {@code rnns.*}, {@code fc.*})
     * after training: trained tensors from the graph's variables, {@code runningStats} (by state-dict name, null
     * when not a running statistic) for the head's batch norms, every other tensor — the frozen FAN — exactly as in
     * {@code init}.
     */
    public static StateDict trainedStateDict(SameDiff sd, StateDict init, java.util.function.Function<String, float[]> runningStats) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (String k : init.keys()) {
            float[] stats = runningStats.apply(k);
            String graphName = k.startsWith("net.") ? k.substring(4) : k;
            SDVariable v = sd.hasVariable(graphName) ? sd.getVariable(graphName) : null;
            if (stats != null) {
                out.put(k, TorchTensor.ofFloats(stats, stats.length));
            } else if (v != null && v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                out.put(k, TorchTensor.ofFloats(v.getArr().dup('c').data().asFloat(), v.getArr().shape()));
            } else {
                out.put(k, init.tensor(k));
            }
        }
        return StateDict.of(out, java.nio.file.Path.of("trained-in-java"));
    }

    /** The tensors the training graph holds: the emotion head's (without {@code net.}) and the LSTM head's. */
    static StateDict trainableWeights(StateDict emonetLstm) {
        StateDict w = emonetLstm.hasPrefix("emonet_lstm.") ? emonetLstm.stripPrefix("emonet_lstm.") : emonetLstm;
        if (!w.hasPrefix("net.")) {
            throw new CheckpointException(w.source(), "no EmoNet weights (net.*) in the state dict");
        }
        Map<String, TorchTensor> m = new LinkedHashMap<>();
        StateDict head = w.stripPrefix("net.").select(EmoNet.HEAD_PREFIXES.toArray(String[]::new));
        head.keys().forEach(k -> m.put(k, head.tensor(k)));
        StateDict lstm = w.select("rnns.", "fc.");
        lstm.keys().forEach(k -> m.put(k, lstm.tensor(k)));
        return StateDict.of(m, w.source());
    }

    /** The FAN's tensors of EmoNet weights {@code net} (every tensor outside {@link EmoNet#HEAD_PREFIXES}). */
    static StateDict fan(StateDict net) {
        Map<String, TorchTensor> m = new LinkedHashMap<>();
        for (String k : net.keys()) {
            if (EmoNet.HEAD_PREFIXES.stream().noneMatch(k::startsWith)) {
                m.put(k, net.tensor(k));
            }
        }
        return StateDict.of(m, net.source());
    }

    /**
     * {@code BatchNorm1d/2d} in training mode over axis 1: normalised with the batch mean and biased variance (over
     * N, or N·H·W), differentiable end to end (ND4J's batch-norm op has no usable gradient here).
     */
    private static SDVariable trainingNorm(GraphWeights w, List<BatchStats> stats, SDVariable x, String prefix, int channels) {
        SameDiff sd = w.sameDiff();
        boolean spatial = !prefix.startsWith("emo_fc_2.");
        int[] axes = spatial ? new int[] {0, 2, 3} : new int[] {0};
        long[] shape = spatial ? new long[] {1, channels, 1, 1} : new long[] {1, channels};
        SDVariable mean = x.mean(true, axes);
        SDVariable centred = x.sub(mean);
        SDVariable var = sd.math().square(centred).mean(true, axes);
        stats.add(new BatchStats(prefix, channels, spatialSize(prefix), mean.name(), var.name()));
        w.ignore(prefix + "running_mean");
        w.ignore(prefix + "running_var");
        SDVariable scale = sd.reshape(w.param(prefix + "weight", channels), shape).mul(sd.math().rsqrt(var.add(EPS)));
        return centred.mul(scale).add(sd.reshape(w.param(prefix + "bias", channels), shape));
    }

    /** H × W of the activation a head batch norm sees: 64² in emo_net_2.0, halved per block after it; 1 in the classifier. */
    private static long spatialSize(String prefix) {
        if (prefix.startsWith("emo_fc_2.")) {
            return 1;
        }
        String rest = prefix.substring("emo_net_2.".length());
        int block = Integer.parseInt(rest.substring(0, rest.indexOf('.'))) / 2;
        long side = EmoNet.FEATURE_SIZE >> block;
        return side * side;
    }

    /** The 8 expression logits of the head's (N, 10) output, by a constant selection matrix (differentiable). */
    private static SDVariable expressions(SameDiff sd, SDVariable out) {
        float[] sel = new float[(EmoNet.N_EXPRESSION + 2) * EmoNet.N_EXPRESSION];
        for (int i = 0; i < EmoNet.N_EXPRESSION; i++) {
            sel[i * EmoNet.N_EXPRESSION + i] = 1;
        }
        SDVariable s = sd.constant(Nd4j.create(sel, new long[] {EmoNet.N_EXPRESSION + 2, EmoNet.N_EXPRESSION}, 'c'));
        return sd.mmul(out, s);
    }

    /** Per-frame expressions (clips × F, 8) → (clips, 90, 8), frame t taking head frame ⌊t / stride⌋. */
    private static SDVariable hold(SameDiff sd, SDVariable expr, int clips, int stride) {
        int n = EmoNet.N_EXPRESSION;
        int f = headFrames(stride);
        if (stride == 1) {
            return sd.reshape(expr, clips, LstmHead.FRAMES, n);
        }
        float[] r = new float[f * LstmHead.FRAMES];
        for (int t = 0; t < LstmHead.FRAMES; t++) {
            r[(t / stride) * LstmHead.FRAMES + t] = 1;
        }
        SDVariable repeat = sd.constant(Nd4j.create(r, new long[] {f, LstmHead.FRAMES}, 'c'));
        SDVariable perClip = sd.reshape(sd.permute(sd.reshape(expr, clips, f, n), 0, 2, 1), (long) clips * n, f);
        SDVariable held = sd.reshape(sd.mmul(perClip, repeat), clips, n, LstmHead.FRAMES);
        return sd.permute(held, 0, 2, 1);
    }
}
