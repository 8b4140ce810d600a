package org.affect4j.fusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.affect4j.audio.SpeechModel;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.train.ArrayTrainingTask;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on the fusion layer: inputs come from the frozen networks (the seed's speech model on four real
 * RAVDESS clips, the EmoNet-LSTM reference output for the video half), labels are the clips' emotions. The fusion
 * layer learns them, and the frozen speech network still gives bit-identical logits afterwards.
 */
class FusionTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void fusionLayerLearnsWhileTheFrozenNetworksStayBitIdentical() {
        List<Path> wavs = new ArrayList<>();
        for (String c : List.of("03-01-01-01-01-01-01", "03-01-04-01-02-02-02", "03-01-05-02-01-02-02", "03-01-08-02-02-01-01")) {
            wavs.add(SharedData.require("data/ravdess-speech/Actor_" + c.substring(c.length() - 2) + "/" + c + ".wav"));
        }
        float[] video = Npy.read(SharedData.require("reference/vision/emonet_lstm_out.npy")).toFloats();
        try (SpeechModel speech = SpeechModel.loadSeed(SharedData.require("reference/speech/cnn_transf_parallel_model.pt"),
                SharedData.require("reference/speech/speech_data_scaler.pkl"))) {
            List<float[]> speechLogits = new ArrayList<>();
            List<float[]> inputs = new ArrayList<>();
            int[] labels = new int[wavs.size()];
            for (int i = 0; i < wavs.size(); i++) {
                float[] s = speech.logits(List.of(speech.features(Clip.of(wavs.get(i))).scaled())).get(0);
                speechLogits.add(s);
                float[] in = new float[16];
                System.arraycopy(video, 0, in, 0, 8);
                System.arraycopy(s, 0, in, 8, 8);
                inputs.add(in);
                labels[i] = LabelOrder.SEED_SPEECH.indexOf(RavdessFileName.parse(wavs.get(i)).emotion());
            }
            ArrayTrainingTask task = new ArrayTrainingTask(
                    FusionNet.buildTraining(TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl")), 4),
                    FusionNet.INPUT, FusionNet.LABELS, FusionNet.LOSS, FusionNet.LOGITS, new long[] {16}, 8, inputs, labels, inputs, labels,
                    Map.of("kind", "fusion-test"));
            double before = task.validate().loss();
            TrainerConfig cfg = TrainerConfig.seedRecipe(15).withBatchSize(4).withLearningRate(1e-2);
            Trainer.Result cut = new Trainer(cfg, tmp, null, java.time.Duration.ZERO).fit(task);
            org.junit.jupiter.api.Assertions.assertEquals(1, cut.history().size(), "a spent time budget stops after one epoch");
            org.junit.jupiter.api.Assertions.assertFalse(cut.complete());
            List<String> events = new ArrayList<>();
            Trainer.Result rest = new Trainer(cfg, tmp, new org.affect4j.core.train.TrainingListener() {
                @Override
                public void resumed(int nextEpoch) {
                    events.add("resumed " + nextEpoch);
                }

                @Override
                public void epochStarted(int epoch, int steps) {
                    events.add("start " + epoch + " of " + steps + " steps");
                }

                @Override
                public void step(int epoch, int step, int steps, double meanLoss, double meanAccuracy, double etaSeconds) {
                    events.add("step " + epoch + "." + step);
                }

                @Override
                public void epoch(org.affect4j.core.train.EpochRecord record) {
                    events.add("end " + record.epoch());
                }
            }).fit(task);
            org.junit.jupiter.api.Assertions.assertEquals(15, rest.history().size(), "the rerun resumes and finishes");
            org.junit.jupiter.api.Assertions.assertEquals(List.of("resumed 1", "start 1 of 1 steps", "step 1.1", "end 1", "start 2 of 1 steps"),
                    events.subList(0, 5), "listener calls in order");
            org.junit.jupiter.api.Assertions.assertEquals(1 + 14 * 3, events.size());
            org.junit.jupiter.api.Assertions.assertTrue(rest.complete());
            double after = task.validate().loss();
            System.out.printf("fusion layer on frozen speech + video logits: loss %.4f -> %.4f in 15 steps%n", before, after);
            assertTrue(after < 0.5 * before, before + " -> " + after);
            for (int i = 0; i < wavs.size(); i++) {
                assertArrayEquals(speechLogits.get(i), speech.logits(List.of(speech.features(Clip.of(wavs.get(i))).scaled())).get(0),
                        "the frozen speech network changed");
            }
        }
    }
}
