package org.affect4j.vision.net;

import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The sequence half of the seed's EmoNet-LSTM: per-frame expression logits (B, 90, 8) → 2-layer bidirectional
 * LSTM (hidden 64; PyTorch's gate order i, f, g, o and equations, unrolled over the steps) →
 * flatten 90 × 128 → Linear(11520, 64) → Linear(64, 8), EmoNet label order. Names: {@code rnns.*}, {@code fc.*}.
 */
public final class LstmHead {

    public static final String INPUT = "expressions";
    public static final String LOGITS = "logits";
    public static final int FRAMES = 90;
    public static final int HIDDEN = 64;
    private static final int LAYERS = 2;

    private LstmHead() {
    }

    /** Placeholder {@value #INPUT} float32 (B, 90, 8) → output {@value #LOGITS} (B, 8). */
    public static SameDiff build(StateDict weights) {
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, Objects.requireNonNull(weights, "weights"));
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, FRAMES, EmoNet.N_EXPRESSION);
        sd.identity(LOGITS, defineInto(w, x));
        w.finish();
        return sd;
    }

    public static final String LABELS = "labels";
    public static final String LOSS = "loss";

    /**
     * The head as a training graph for batches of {@code batch} sequences: every LSTM and linear parameter is a
     * trainable variable (EmoNet, which produces the input, stays outside the graph and is therefore frozen).
     * Placeholders {@value #INPUT} and {@value #LABELS} (one-hot, EmoNet order); loss {@value #LOSS} = mean
     * cross-entropy of {@value #LOGITS}. Without the seed's dropout between the LSTM layers, so that the graph
     * itself can validate (as {@code ArrayTrainingTask} does); the seed's full recipe is {@link EmoNetLstmTraining}.
     */
    public static SameDiff buildTraining(StateDict init, int batch) {
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, Objects.requireNonNull(init, "init")).trainable(true);
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, batch, FRAMES, EmoNet.N_EXPRESSION);
        SDVariable logits = sd.identity(LOGITS, defineInto(w, x));
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, batch, EmoNet.N_EXPRESSION);
        sd.loss().softmaxCrossEntropy(LOSS, labels, logits, null, org.nd4j.autodiff.loss.LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        w.finish();
        return sd;
    }

    static SDVariable defineInto(GraphWeights w, SDVariable x) {
        return defineInto(w, x, 0, 0);
    }

    /** The seed's dropout between the LSTM layers in training mode ({@code nn.LSTM(dropout=0.2)}). */
    static final double DROPOUT = 0.2;

    /**
     * As {@link #defineInto(GraphWeights, SDVariable)}, with inverted dropout of probability {@code dropout} on the
     * first layer's outputs (PyTorch's LSTM dropout, training only) for batches of {@code batch} sequences.
     */
    static SDVariable defineInto(GraphWeights w, SDVariable x, double dropout, int batch) {
        SameDiff sd = w.sameDiff();
        SDVariable h = x;
        int nIn = EmoNet.N_EXPRESSION;
        for (int l = 0; l < LAYERS; l++) {
            if (l > 0 && dropout > 0) {
                h = h.mul(sd.random().bernoulli(1 - dropout, DataType.FLOAT, batch, FRAMES, 2 * HIDDEN).div(1 - dropout));
            }
            SDVariable fwd = direction(w, h, nIn, "_l" + l, false);
            SDVariable bwd = direction(w, h, nIn, "_l" + l + "_reverse", true);
            h = sd.concat(2, fwd, bwd); // (B, T, 2H)
            nIn = 2 * HIDDEN;
        }
        SDVariable flat = sd.reshape(h, -1, FRAMES * 2 * HIDDEN);
        return w.linear(w.linear(flat, "fc.0.", FRAMES * 2 * HIDDEN, HIDDEN), "fc.1.", HIDDEN, EmoNet.N_EXPRESSION);
    }

    /**
     * One direction of one layer, unrolled over the 90 steps with PyTorch's equations: gates = x·W_ihᵀ + b_ih +
     * h·W_hhᵀ + b_hh split i, f, g, o; c = σ(f)·c + σ(i)·tanh(g); h = σ(o)·tanh(c); h₀ = c₀ = 0. Written with plain
     * ops rather than ND4J's fused {@code lstmLayer}, which fails in the oneDNN CPU build and has no usable
     * gradient for training. x (B, T, nIn) → (B, T, H).
     */
    private static SDVariable direction(GraphWeights w, SDVariable x, int nIn, String suffix, boolean reverse) {
        SameDiff sd = w.sameDiff();
        // per-gate weights by reshape + unstack (ND4J's strided-slice gradient fails on these slices)
        SDVariable[] wih = sd.unstack(sd.reshape(w.param("rnns.weight_ih" + suffix, 4 * HIDDEN, nIn), 4, HIDDEN, nIn), 0, 4);
        SDVariable[] whh = sd.unstack(sd.reshape(w.param("rnns.weight_hh" + suffix, 4 * HIDDEN, HIDDEN), 4, HIDDEN, HIDDEN), 0, 4);
        SDVariable[] bias = sd.unstack(sd.reshape(w.param("rnns.bias_ih" + suffix, 4 * HIDDEN)
                .add(w.param("rnns.bias_hh" + suffix, 4 * HIDDEN)), 4, HIDDEN), 0, 4);
        SDVariable x2d = sd.reshape(x, -1, nIn);
        SDVariable[][] xg = new SDVariable[4][];                                      // [gate][t] → (B, H)
        for (int k = 0; k < 4; k++) {
            SDVariable proj = sd.mmul(x2d, wih[k], false, true, false).add(bias[k]);
            xg[k] = sd.unstack(sd.reshape(proj, -1, FRAMES, HIDDEN), 1, FRAMES);
        }
        SDVariable[] out = new SDVariable[FRAMES];
        SDVariable hPrev = null;
        SDVariable cPrev = null;
        for (int step = 0; step < FRAMES; step++) {
            int t = reverse ? FRAMES - 1 - step : step;
            SDVariable[] gate = new SDVariable[4];
            for (int k = 0; k < 4; k++) {
                gate[k] = hPrev == null ? xg[k][t] : xg[k][t].add(sd.mmul(hPrev, whh[k], false, true, false));
            }
            SDVariable i = sd.nn().sigmoid(gate[0]);
            SDVariable f = sd.nn().sigmoid(gate[1]);
            SDVariable g = sd.math().tanh(gate[2]);
            SDVariable o = sd.nn().sigmoid(gate[3]);
            SDVariable c = cPrev == null ? i.mul(g) : f.mul(cPrev).add(i.mul(g));
            SDVariable hNext = o.mul(sd.math().tanh(c));
            out[t] = hNext;
            hPrev = hNext;
            cPrev = c;
        }
        return sd.stack(1, out);
    }

    /** Frames the emotion head runs on per clip at {@code stride}: ⌈90 / stride⌉. */
    public static int headFrames(int stride) {
        if (stride < 1 || stride > LstmHead.FRAMES) {
            throw new IllegalArgumentException("stride must be in 1.." + LstmHead.FRAMES + ", got " + stride);
        }
        return (LstmHead.FRAMES + stride - 1) / stride;
    }

    /** Indices (of the 90) of the frames the head runs on at {@code stride}: 0, k, 2k, …. */
    public static int[] headFrameIndices(int stride) {
        int[] idx = new int[headFrames(stride)];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i * stride;
        }
        return idx;
    }
}
