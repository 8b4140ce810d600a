package org.affect4j.fusion.net;

import java.util.Map;
import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.GraphWeights;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seed's fusion layer: EmoNet-LSTM logits (8, EmoNet order) concatenated with the speech network's logits
 * (8, seed speech order) → Linear(16, 8) → fused logits in the seed's speech label order. Names {@code fc.*}.
 * Thread-safe.
 */
public final class FusionNet {

    public static final String INPUT = "fusion_input";
    public static final String LOGITS = "fusion_logits";

    private final SameDiff graph;

    private FusionNet(SameDiff graph) {
        this.graph = graph;
    }

    /** From a state dict holding {@code fc.weight} (8, 16) and {@code fc.bias} (8) (entries outside {@code fc.} are ignored). */
    public static FusionNet create(StateDict weights) {
        Objects.requireNonNull(weights, "weights");
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, weights.select("fc."));
        sd.identity(LOGITS, w.linear(sd.placeHolder(INPUT, DataType.FLOAT, -1, 16), "fc.", 16, 8));
        w.finish();
        return new FusionNet(sd);
    }

    public static final String LABELS = "fusion_labels";
    public static final String LOSS = "fusion_loss";

    /**
     * The fusion layer as a training graph for batches of {@code batch}: input {@value #INPUT} = [video logits |
     * speech logits] (16), produced by the frozen video and speech networks; {@code fc.*} trainable; labels
     * {@value #LABELS} one-hot in the seed's speech order; loss {@value #LOSS} = mean cross-entropy.
     */
    public static SameDiff buildTraining(StateDict init, int batch) {
        SameDiff sd = SameDiff.create();
        GraphWeights w = new GraphWeights(sd, Objects.requireNonNull(init, "init").select("fc.")).trainable(true);
        var logits = sd.identity(LOGITS, w.linear(sd.placeHolder(INPUT, DataType.FLOAT, batch, 16), "fc.", 16, 8));
        var labels = sd.placeHolder(LABELS, DataType.FLOAT, batch, 8);
        sd.loss().softmaxCrossEntropy(LOSS, labels, logits, null, org.nd4j.autodiff.loss.LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        w.finish();
        return sd;
    }

    /** Fused logits (seed speech order) from video logits (EmoNet order) and speech logits (seed order). */
    public float[] fuse(float[] videoLogits, float[] speechLogits) {
        if (videoLogits.length != 8 || speechLogits.length != 8) {
            throw new IllegalArgumentException("fusion needs 8 video and 8 speech logits, got " + videoLogits.length + " and " + speechLogits.length);
        }
        float[] in = new float[16];
        System.arraycopy(videoLogits, 0, in, 0, 8);
        System.arraycopy(speechLogits, 0, in, 8, 8);
        try (INDArray x = Nd4j.create(in, new long[] {1, 16}, 'c');
             INDArray out = graph.output(Map.of(INPUT, x), LOGITS).get(LOGITS)) {
            return out.toFloatMatrix()[0];
        }
    }
}
