package org.affect4j.audio.net;

import java.util.Map;
import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.GraphWeights;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.core.nn.Network;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place where a speech network's engine is chosen: a state dict and an {@link InferenceEngine} → a
 * {@link Network}. {@link InferenceEngine#EAGER}: op by op on ND4J ({@link EagerSpeechNet}, {@link UtteranceNet#logits});
 * {@link InferenceEngine#SAMEDIFF}: the reference SameDiff graph ({@link SpeechNet}, {@link UtteranceNet#logitsSameDiff}).
 * Both give the same logits within float rounding (the parity tests hold both to the PyTorch reference).
 */
public final class SpeechNetworks {

    private SpeechNetworks() {
    }

    /**
     * The seed's CNN + Transformer network ({@link SpeechArchitecture}) on {@code engine}: input {@code batch × 128 × 563}
     * scaled log-mel values, output 8 logits per clip.
     *
     * @throws org.affect4j.core.CheckpointException naming the missing, unexpected or mis-shaped tensors
     */
    public static Network melNetwork(StateDict weights, InferenceEngine engine) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(engine, "engine");
        return switch (engine) {
            case EAGER -> {
                EagerSpeechNet net = EagerSpeechNet.create(weights);
                yield Network.of(net::logits, net::close);
            }
            case SAMEDIFF -> sameDiff(SpeechNet.build(weights));
        };
    }

    /**
     * The utterance network (beyond the seed) on {@code engine}: plain arrays (eager) or graphs built and closed per
     * call (SameDiff), so nothing is held to close.
     */
    public static Network utteranceNetwork(UtteranceNet net, InferenceEngine engine) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(engine, "engine");
        return switch (engine) {
            case EAGER -> Network.of(net::logits, () -> { });
            case SAMEDIFF -> Network.of(net::logitsSameDiff, () -> { });
        };
    }

    /** The SameDiff graph as a {@link Network}: input array created and closed per call, output closed after copying. */
    private static Network sameDiff(SameDiff graph) {
        return Network.of((features, batch) -> {
            try (INDArray xs = Nd4j.create(features, new long[] {batch, 1, SpeechArchitecture.N_MELS, SpeechArchitecture.N_FRAMES}, 'c')) {
                Map<String, INDArray> result = graph.output(Map.of(SpeechNet.INPUT, xs), SpeechNet.LOGITS);
                try (INDArray l = result.get(SpeechNet.LOGITS)) {
                    return l.toFloatMatrix();
                }
            }
        }, () -> GraphWeights.closeArrays(graph));
    }
}
