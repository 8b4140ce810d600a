package org.affect4j.fusion.train;

import org.affect4j.fusion.net.FusionNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.affect4j.audio.net.SpeechNet;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.GraphWeights;
import org.affect4j.core.train.RunningStatistics;
import org.affect4j.vision.net.EmoNet;
import org.affect4j.vision.net.EmoNetLstmTraining;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The seed's multimodal network as one training graph, trained end to end the way the seed's
 * {@code multimodal_train_eval.py} does: every parameter except EmoNet's face-alignment network — the speech
 * network, EmoNet's emotion head, the LSTM, its linears and the fusion layer — is a trainable variable, in
 * training mode (batch norms on batch statistics, the seed's dropout).
 *
 * <pre>
 * {@value #MEL} (clips, 1, 128, 563), scaled ─► speech network ─────────────────────────┐
 * {@value #FEATURES} (clips × ⌈90/stride⌉, 768, 64, 64) ─► emotion head ─► LSTM head ──┴► concat [video | speech] ─► fc ─► logits
 * </pre>
 *
 * The face-alignment features come from {@link EmoNetLstmTraining#faceFeatureGraph} outside the graph, so that part
 * stays exactly as loaded. Labels in the seed's speech order, like {@link FusionNet}.
 */
public final class MultimodalTraining {

    public static final String MEL = "multimodal_mel";
    public static final String FEATURES = EmoNetLstmTraining.FEATURES;
    public static final String LABELS = "multimodal_labels";
    public static final String LOSS = "multimodal_loss";
    public static final String LOGITS = "multimodal_logits";
    public static final String SPEECH_PREFIX = "speech_net.";
    public static final String VIDEO_PREFIX = "emonet_lstm.";

    private MultimodalTraining() {
    }

    /**
     * A training graph and its batch-norm layers (state-dict prefixes in the multimodal layout, e.g.
     * {@code speech_net.conv2Dblock.1.}, {@code emonet_lstm.net.emo_net_2.0.bn1.}) for {@link RunningStatistics}.
     */
    public record TrainingGraph(SameDiff sameDiff, int clips, int stride, List<RunningStatistics.Layer> batchNorms) {
        public TrainingGraph {
            batchNorms = List.copyOf(batchNorms);
        }
    }

    /**
     * From a multimodal state dict in the seed's layout ({@code speech_net.*}, {@code emonet_lstm.*}, {@code fc.*},
     * e.g. the seed's {@code modelParams-*.pkl}) for {@code clips} clips per step, the emotion head on every
     * {@code stride}-th frame (1 = the seed). Placeholders {@value #MEL}, {@value #FEATURES} (clip-major) and
     * {@value #LABELS} (clips, 8); loss {@value #LOSS}; logits {@value #LOGITS}.
     */
    public static TrainingGraph build(StateDict multimodal, int clips, int stride) {
        Objects.requireNonNull(multimodal, "multimodal");
        if (clips < 1) {
            throw new IllegalArgumentException("clips must be >= 1");
        }
        int frames = EmoNetLstmTraining.headFrames(stride);
        SameDiff sd = SameDiff.create();
        SDVariable mel = sd.placeHolder(MEL, DataType.FLOAT, clips, 1, SpeechNet.N_MELS, SpeechNet.N_FRAMES);
        SDVariable faces = sd.placeHolder(FEATURES, DataType.FLOAT, (long) clips * frames, EmoNet.FEATURE_CHANNELS,
                EmoNet.FEATURE_SIZE, EmoNet.FEATURE_SIZE);
        SpeechNet.Branch speech = SpeechNet.defineTraining(sd, mel, multimodal.stripPrefix(SPEECH_PREFIX), clips, true);
        EmoNetLstmTraining.Branch video = EmoNetLstmTraining.defineTraining(sd, faces, multimodal.stripPrefix(VIDEO_PREFIX), clips, stride);
        GraphWeights w = new GraphWeights(sd, multimodal.select("fc.")).trainable(true);
        SDVariable logits = sd.identity(LOGITS, w.linear(sd.concat(1, video.logits(), speech.logits()), "fc.", 16, 8));
        w.finish();
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, clips, 8);
        sd.loss().softmaxCrossEntropy(LOSS, labels, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);

        List<RunningStatistics.Layer> norms = new ArrayList<>();
        for (SpeechNet.BatchStats s : speech.batchStats()) {
            norms.add(new RunningStatistics.Layer(SPEECH_PREFIX + s.prefix(), s.meanVariable(), s.varianceVariable(),
                    (double) clips * s.spatialSize()));
        }
        for (EmoNetLstmTraining.BatchStats s : video.batchStats()) {
            norms.add(new RunningStatistics.Layer(VIDEO_PREFIX + "net." + s.prefix(), s.meanVariable(), s.varianceVariable(),
                    (double) clips * frames * s.spatialSize()));
        }
        return new TrainingGraph(sd, clips, stride, norms);
    }
}
