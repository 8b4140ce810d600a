package org.affect4j.vision.net;

import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;

/**
 * The sequence half of the seed's EmoNet-LSTM: per-frame expression logits (B, 90, 8) → 2-layer bidirectional
 * LSTM (hidden 64; PyTorch gate order i, f, g, o, as SameDiff's {@code lstmLayer}; bias = b_ih + b_hh) →
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

    static SDVariable defineInto(GraphWeights w, SDVariable x) {
        SameDiff sd = w.sameDiff();
        SDVariable h = x;
        int nIn = EmoNet.N_EXPRESSION;
        for (int l = 0; l < LAYERS; l++) {
            SDVariable wx = sd.stack(0, w.param("rnns.weight_ih_l" + l, 4 * HIDDEN, nIn).permute(1, 0),
                    w.param("rnns.weight_ih_l" + l + "_reverse", 4 * HIDDEN, nIn).permute(1, 0));
            SDVariable wr = sd.stack(0, w.param("rnns.weight_hh_l" + l, 4 * HIDDEN, HIDDEN).permute(1, 0),
                    w.param("rnns.weight_hh_l" + l + "_reverse", 4 * HIDDEN, HIDDEN).permute(1, 0));
            SDVariable b = sd.stack(0,
                    w.param("rnns.bias_ih_l" + l, 4 * HIDDEN).add(w.param("rnns.bias_hh_l" + l, 4 * HIDDEN)),
                    w.param("rnns.bias_ih_l" + l + "_reverse", 4 * HIDDEN).add(w.param("rnns.bias_hh_l" + l + "_reverse", 4 * HIDDEN)));
            LSTMLayerConfig cfg = LSTMLayerConfig.builder().lstmdataformat(LSTMDataFormat.NTS)
                    .directionMode(LSTMDirectionMode.BIDIR_CONCAT).gateAct(LSTMActivations.SIGMOID)
                    .cellAct(LSTMActivations.TANH).outAct(LSTMActivations.TANH)
                    .retFullSequence(true).retLastH(false).retLastC(false).build();
            h = sd.rnn().lstmLayer(h, LSTMLayerWeights.builder().weights(wx).rWeights(wr).bias(b).build(), cfg)[0];
            nIn = 2 * HIDDEN;
        }
        SDVariable flat = sd.reshape(h, -1, FRAMES * 2 * HIDDEN);
        return w.linear(w.linear(flat, "fc.0.", FRAMES * 2 * HIDDEN, HIDDEN), "fc.1.", HIDDEN, EmoNet.N_EXPRESSION);
    }
}
