package org.affect4j.vision.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.train.Logits;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.net.EmoNet;
import org.affect4j.vision.net.EmoNetLstm;
import org.affect4j.vision.net.EmoNetLstmTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The seed's video freezing on a real 90-frame face clip: EmoNet's face-alignment network frozen, its emotion head,
 * the LSTM and the linears trained. Stride 10 (the head on 9 of the 90 frames, held) keeps the test's memory and
 * time small; stride 1 is the same graph with more frames.
 */
class VideoTrainingTaskTest {

    private static final int STRIDE = 10;

    @TempDir
    Path tmp;

    @Test
    void headLstmAndLinearsLearnAFixedLabelWhileTheFaceAlignmentNetworkStaysBitIdentical() {
        StateDict init = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl")).stripPrefix("emonet_lstm.");
        double[] u8 = Npy.read(SharedData.require("reference/vision/clip_input_u8.npy")).toDoubles();
        float[] frames = new float[u8.length];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = (float) (u8[i] / 255.0);
        }
        SameDiff fan = EmoNetLstmTraining.faceFeatureGraph(init.stripPrefix("net."));
        float[] features = VideoTrainingTask.faceFeatures(fan, frames, STRIDE, 3);

        // the label the untrained network does not predict
        float[] logits0 = inferenceLogits(init, features);
        int label = (Logits.argmax(logits0) + 3) % 8;

        VideoTrainingTask task = new VideoTrainingTask(init, 1, STRIDE, List.of(features), new int[] {label}, List.of(features),
                new int[] {label}, Map.of("data", "test clip"));
        double before = task.validate().loss();
        Trainer.Result r = new Trainer(TrainerConfig.seedRecipe(5).withBatchSize(1).withLearningRate(1e-3), tmp, null).fit(task);
        double after = task.validate().loss();
        System.out.printf("EmoNet head + LSTM on a real clip (stride %d), fixed label: validation loss %.4g -> %.3g in 5 steps%n",
                STRIDE, before, after);
        assertTrue(after < 0.5 * before, before + " -> " + after);

        ModelArchive best = ModelArchive.read(r.bestModel());
        assertEquals(VideoTrainingTask.KIND, best.metaString("kind"));
        StateDict trained = best.stateDict("weights.");
        assertEquals(init.keys(), trained.keys(), "the export is a complete EmoNet-LSTM state dict");
        int frozen = 0;
        int changed = 0;
        for (String k : init.keys()) {
            float[] a = init.tensor(k).toFloatArray();
            float[] b = trained.tensor(k).toFloatArray();
            boolean head = k.startsWith("rnns.") || k.startsWith("fc.")
                    || EmoNet.HEAD_PREFIXES.stream().anyMatch(p -> k.startsWith("net." + p));
            if (!head) {
                assertArrayEquals(a, b, "frozen face-alignment tensor " + k + " changed");
                frozen++;
            } else if (!k.endsWith("num_batches_tracked") && !Arrays.equals(a, b)) {
                changed++;
            }
        }
        System.out.printf("%d face-alignment tensors bit-identical, %d head/LSTM/linear tensors trained%n", frozen, changed);
        assertTrue(frozen > 500, "FAN tensors compared: " + frozen);
        assertTrue(trained.keys().stream().filter(k -> k.startsWith("net.emo_net_2.") && k.endsWith(".conv1.weight"))
                .noneMatch(k -> Arrays.equals(init.tensor(k).toFloatArray(), trained.tensor(k).toFloatArray())), "emotion head convs not trained");
        assertTrue(changed > 60, "trained tensors: " + changed);

        // the exported model, loaded like the seed's checkpoint, gives the logits the training task validated with
        float[] exported = inferenceLogits(trained, features);
        try (EmoNetLstm model = EmoNetLstm.create(trained, 3)) {
            float[] reloaded = model.clipLogits(frames, STRIDE);
            double err = 0;
            double scale = 0;
            for (int i = 0; i < 8; i++) {
                err = Math.max(err, Math.abs(reloaded[i] - exported[i]));
                scale = Math.max(scale, Math.abs(exported[i]));
            }
            System.out.printf("exported model through EmoNetLstm (eager EmoNet) vs training-side inference: max |err| / max |logit| = %.3g%n",
                    err / scale);
            assertTrue(err / scale < 1e-3, Arrays.toString(reloaded) + " vs " + Arrays.toString(exported));
            assertEquals(label, Logits.argmax(reloaded), "the reloaded model predicts the trained label");
        }
    }

    @Test
    void misSizedFeaturesAndLabelsAreNamed() {
        StateDict init = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"));
        float[] wrong = new float[10];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VideoTrainingTask(init, 1, STRIDE, List.of(wrong), new int[] {0}, List.of(wrong), new int[] {0}, Map.of()));
        assertTrue(e.getMessage().contains("training clip 0") && e.getMessage().contains("10 feature values"), e.getMessage());
        float[] ok = new float[9 * EmoNet.FEATURE_CHANNELS * EmoNet.FEATURE_SIZE * EmoNet.FEATURE_SIZE];
        e = assertThrows(IllegalArgumentException.class,
                () -> new VideoTrainingTask(init, 1, STRIDE, List.of(ok), new int[] {8}, List.of(ok), new int[] {0}, Map.of()));
        assertTrue(e.getMessage().contains("label 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmoNetLstmTraining.headFrames(0));
        assertEquals(90, EmoNetLstmTraining.headFrames(1), "stride 1 runs the head on every frame");
        assertEquals(9, EmoNetLstmTraining.headFrames(10));
        assertEquals(30, EmoNetLstmTraining.headFrames(3));
        assertEquals(23, EmoNetLstmTraining.headFrames(4), "ceil(90 / 4)");
    }

    private static float[] inferenceLogits(StateDict weights, float[] features) {
        SameDiff inf = EmoNetLstmTraining.buildInference(weights, 1, STRIDE);
        try (var x = org.nd4j.linalg.factory.Nd4j.create(features, new long[] {features.length / (EmoNet.FEATURE_CHANNELS * 64 * 64),
                EmoNet.FEATURE_CHANNELS, 64, 64}, 'c')) {
            return inf.output(Map.of(EmoNetLstmTraining.FEATURES, x), EmoNetLstmTraining.LOGITS).get(EmoNetLstmTraining.LOGITS).toFloatMatrix()[0];
        }
    }
}
