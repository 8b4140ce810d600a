package org.affect4j.vision.net;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.InferenceEngine;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seed's video network: {@link EmoNet} on every frame (in batches of {@code frameBatch}), then the
 * {@link LstmHead} over the 90 per-frame expression vectors. Two graphs, so frames go through EmoNet in small
 * batches and memory stays bounded. Thread-safe (SameDiff keeps one session per thread); every native array a
 * call creates is closed before it returns.
 */
public final class EmoNetLstm implements AutoCloseable {

    /** EmoNet's per-frame outputs. */
    public record FrameOutputs(float[][] expression, float[] valence, float[] arousal) {
    }

    private final FrameRunner emonet;
    private final SameDiff head;
    private EmoNetLstm(FrameRunner emonet, SameDiff head) {
        this.emonet = emonet;
        this.head = head;
    }

    /**
     * From the seed's EmoNet-LSTM state dict ({@code net.*}, {@code rnns.*}, {@code fc.*}; a leading
     * {@code emonet_lstm.} as in the multimodal checkpoint is removed first).
     */
    public static EmoNetLstm create(StateDict weights, int frameBatch) {
        return create(weights, frameBatch, InferenceEngine.EAGER);
    }

    /** As {@link #create(StateDict, int)}, running EmoNet on the given engine (the LSTM head is a SameDiff graph). */
    public static EmoNetLstm create(StateDict weights, int frameBatch, InferenceEngine engine) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(engine, "engine");
        if (frameBatch < 1) {
            throw new IllegalArgumentException("frameBatch must be >= 1");
        }
        StateDict w = weights.hasPrefix("emonet_lstm.") ? weights.stripPrefix("emonet_lstm.") : weights;
        if (!w.hasPrefix("net.")) {
            throw new CheckpointException(w.source(), "no EmoNet weights (net.*) in the state dict");
        }
        StateDict head = w.select("rnns.", "fc.");
        if (w.size() != w.select("net.").size() + head.size()) {
            List<String> other = w.keys().stream().filter(k -> !k.startsWith("net.") && !k.startsWith("rnns.") && !k.startsWith("fc.")).toList();
            throw new CheckpointException(w.source(), "unexpected tensors " + other + " in an EmoNet-LSTM state dict");
        }
        StateDict net = w.stripPrefix("net.");
        FrameRunner runner = FrameRunner.create(net, engine, frameBatch);
        return new EmoNetLstm(runner, LstmHead.build(head));
    }

    /**
     * Runs EmoNet on {@code n} frames given as float32 (n, 3, 256, 256) C-order values in [0, 1] (channel order as
     * the caller prepared it).
     */
    public FrameOutputs frames(float[] frames, int n) {
        return emonet.run(frames, n);
    }

    /**
     * A whole 90-frame clip → 8 logits, with EmoNet on every {@code stride}-th frame (0, k, 2k, …) and its output held
     * for the next k − 1 frames (1 = every frame, the seed's way). {@code frames}: float32 (90, 3, 256, 256) C-order
     * values in [0, 1].
     */
    public float[] clipLogits(float[] frames, int stride) {
        int per = 3 * EmoNet.SIZE * EmoNet.SIZE;
        if (frames.length != (long) LstmHead.FRAMES * per) {
            throw new IllegalArgumentException("expected 90 frames of 3x256x256 = " + (long) LstmHead.FRAMES * per + " values, got " + frames.length);
        }
        int[] idx = LstmHead.headFrameIndices(stride);
        float[] selected = new float[idx.length * per];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(frames, idx[i] * per, selected, i * per, per);
        }
        float[][] expr = frames(selected, idx.length).expression();
        float[][] held = new float[LstmHead.FRAMES][];
        for (int t = 0; t < held.length; t++) {
            held[t] = expr[t / stride];
        }
        return sequenceLogits(held);
    }

    /** The LSTM head on 90 expression vectors → 8 logits (EmoNet label order). */
    public float[] sequenceLogits(float[][] expressions) {
        if (expressions.length != LstmHead.FRAMES) {
            throw new IllegalArgumentException("the LSTM head needs exactly " + LstmHead.FRAMES + " frames, got " + expressions.length);
        }
        float[] flat = new float[LstmHead.FRAMES * EmoNet.N_EXPRESSION];
        for (int t = 0; t < expressions.length; t++) {
            if (expressions[t].length != EmoNet.N_EXPRESSION) {
                throw new IllegalArgumentException("frame " + t + " has " + expressions[t].length + " expression values");
            }
            System.arraycopy(expressions[t], 0, flat, t * EmoNet.N_EXPRESSION, EmoNet.N_EXPRESSION);
        }
        try (INDArray x = Nd4j.create(flat, new long[] {1, LstmHead.FRAMES, EmoNet.N_EXPRESSION}, 'c');
             INDArray out = head.output(Map.of(LstmHead.INPUT, x), LstmHead.LOGITS).get(LstmHead.LOGITS)) {
            return out.toFloatMatrix()[0];
        }
    }

    @Override
    public void close() {
        emonet.close(); // the head graph holds only constants owned by SameDiff
    }

    /**
     * EmoNet (eager network or SameDiff graph) + batching: frames in, per-frame outputs back; releases every array
     * it creates. Thread-safe.
     */
    public static final class FrameRunner implements AutoCloseable {
        private final SameDiff emonet;
        private final EagerEmoNet eager;
        private final int frameBatch;

        /**
         * The one place where EmoNet's engine is chosen: bare EmoNet weights ({@code net.} prefix stripped) on
         * {@link InferenceEngine#EAGER} ({@link EagerEmoNet}) or {@link InferenceEngine#SAMEDIFF} (the graph of
         * {@link EmoNet#build}), {@code frameBatch} frames per pass.
         *
         * @throws org.affect4j.core.CheckpointException naming the missing, unexpected or mis-shaped tensors
         */
        public static FrameRunner create(StateDict emonetWeights, InferenceEngine engine, int frameBatch) {
            Objects.requireNonNull(emonetWeights, "emonetWeights");
            return switch (Objects.requireNonNull(engine, "engine")) {
                case EAGER -> new FrameRunner(EagerEmoNet.create(emonetWeights), frameBatch);
                case SAMEDIFF -> new FrameRunner(EmoNet.build(emonetWeights), frameBatch);
            };
        }

        /** On the SameDiff graph of {@link EmoNet#build}. */
        public FrameRunner(SameDiff emonet, int frameBatch) {
            this(Objects.requireNonNull(emonet, "emonet"), null, frameBatch);
        }

        /** On the eager network. */
        public FrameRunner(EagerEmoNet eager, int frameBatch) {
            this(null, Objects.requireNonNull(eager, "eager"), frameBatch);
        }

        private FrameRunner(SameDiff emonet, EagerEmoNet eager, int frameBatch) {
            if (frameBatch < 1) {
                throw new IllegalArgumentException("frameBatch must be >= 1");
            }
            this.emonet = emonet;
            this.eager = eager;
            this.frameBatch = frameBatch;
        }

        /** Releases the eager network's weights (a SameDiff graph's constants belong to the graph). */
        @Override
        public void close() {
            if (eager != null) {
                eager.close();
            }
        }

        public FrameOutputs run(float[] frames, int n) {
            int per = 3 * EmoNet.SIZE * EmoNet.SIZE;
            if (n < 0 || frames.length != (long) n * per) {
                throw new IllegalArgumentException("expected " + n + " frames of 3x256x256 = " + ((long) n * per) + " values, got " + frames.length);
            }
            float[][] expr = new float[n][];
            float[] val = new float[n];
            float[] aro = new float[n];
            for (int from = 0; from < n; from += frameBatch) {
                int b = Math.min(frameBatch, n - from);
                float[] chunk = java.util.Arrays.copyOfRange(frames, from * per, (from + b) * per);
                if (eager != null) {
                    float[][] rows = eager.forward(chunk, b);
                    for (int i = 0; i < b; i++) {
                        expr[from + i] = java.util.Arrays.copyOf(rows[i], EmoNet.N_EXPRESSION);
                        val[from + i] = rows[i][EmoNet.N_EXPRESSION];
                        aro[from + i] = rows[i][EmoNet.N_EXPRESSION + 1];
                    }
                    continue;
                }
                try (INDArray x = Nd4j.create(chunk, new long[] {b, 3, EmoNet.SIZE, EmoNet.SIZE}, 'c')) {
                    Map<String, INDArray> out = emonet.output(Map.of(EmoNet.INPUT, x), EmoNet.EXPRESSION, EmoNet.VALENCE, EmoNet.AROUSAL);
                    try (INDArray e = out.get(EmoNet.EXPRESSION); INDArray v = out.get(EmoNet.VALENCE); INDArray a = out.get(EmoNet.AROUSAL)) {
                        float[][] em = e.toFloatMatrix();
                        float[] vv = v.toFloatVector();
                        float[] av = a.toFloatVector();
                        for (int i = 0; i < b; i++) {
                            expr[from + i] = em[i];
                            val[from + i] = vv[i];
                            aro[from + i] = av[i];
                        }
                    }
                }
            }
            return new FrameOutputs(expr, val, aro);
        }
    }
}
