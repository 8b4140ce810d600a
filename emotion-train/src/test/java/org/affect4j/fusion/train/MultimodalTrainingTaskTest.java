package org.affect4j.fusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.net.EagerSpeechNet;
import org.affect4j.core.Clip;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.nn.Logits;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.testing.FixedLabel;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.data.FaceSequenceRecordReader;
import org.affect4j.vision.face.HaarFaceDetector;
import org.affect4j.vision.net.EmoNet;
import org.affect4j.vision.net.EmoNetLstm;
import org.affect4j.vision.net.EmoNetLstmTraining;
import org.affect4j.vision.train.VideoTrainingTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's multimodal training (everything but EmoNet's face-alignment network trained end to end) on a real
 * face clip (a GRID video through the DataVec face reader) and a real RAVDESS speech clip: a few steps with a fixed
 * label (no RAVDESS video is available, so the two modalities come from different recordings). Emotion-head stride 10 keeps the test small.
 */
class MultimodalTrainingTaskTest {

    private static final int STRIDE = 10;

    @TempDir
    Path tmp;

    @Test
    void speechNetworkEmotionHeadLstmAndFusionLearnWhileTheFaceAlignmentNetworkStaysBitIdentical() throws Exception {
        StateDict init = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"));
        float[] mel;
        try (SpeechModel seed = SpeechModel.loadSeed(SharedData.require("reference/speech/cnn_transf_parallel_model.pt"),
                SharedData.require("reference/speech/speech_data_scaler.pkl"))) {
            mel = seed.features(Clip.of(SharedData.require("data/ravdess-speech/Actor_02/03-01-05-02-01-02-02.wav"))).scaled();
        }
        float[] frames = realClip();
        float[] faces = VideoTrainingTask.faceFeatures(EmoNetLstmTraining.faceFeatureGraph(init.stripPrefix("emonet_lstm.net.")), frames, STRIDE, 3);

        MultimodalTrainingTask probe = new MultimodalTrainingTask(init, 1, STRIDE, List.of(new MultimodalTrainingTask.Example(mel, faces, 0)),
                List.of(new MultimodalTrainingTask.Example(mel, faces, 0)), Map.of());
        int label = (Logits.argmax(probe.logits(new MultimodalTrainingTask.Example(mel, faces, 0))) + 3) % 8;
        MultimodalTrainingTask.Example ex = new MultimodalTrainingTask.Example(mel, faces, label);
        MultimodalTrainingTask task = new MultimodalTrainingTask(init, 1, STRIDE, List.of(ex), List.of(ex), Map.of("data", "test clip"));
        double before = task.validate().loss();
        Trainer.Result r = new Trainer(TrainerConfig.seedRecipe(5).withBatchSize(1).withLearningRate(1e-3), tmp, null).fit(task);
        double after = task.validate().loss();
        System.out.printf("multimodal end to end on a real face clip + RAVDESS speech (stride %d), fixed label: validation loss %.4g -> %.3g in 5 steps%n",
                STRIDE, before, after);
        assertTrue(after < 0.5 * before, before + " -> " + after);

        ModelArchive best = ModelArchive.read(r.bestModel());
        assertEquals(MultimodalTrainingTask.KIND, best.metaString("kind"));
        StateDict trained = best.stateDict("weights.");
        assertEquals(init.keys(), trained.keys(), "the export is a complete multimodal state dict");
        int frozen = 0;
        int speechTrained = 0;
        int videoTrained = 0;
        for (String k : init.keys()) {
            float[] a = init.tensor(k).toFloatArray();
            float[] b = trained.tensor(k).toFloatArray();
            boolean fan = k.startsWith("emonet_lstm.net.") && EmoNet.HEAD_PREFIXES.stream().noneMatch(p -> k.startsWith("emonet_lstm.net." + p));
            if (fan) {
                assertArrayEquals(a, b, "frozen face-alignment tensor " + k + " changed");
                frozen++;
            } else if (!Arrays.equals(a, b)) {
                if (k.startsWith("speech_net.")) {
                    speechTrained++;
                } else if (k.startsWith("emonet_lstm.")) {
                    videoTrained++;
                }
            }
        }
        System.out.printf("%d face-alignment tensors bit-identical; trained: %d speech, %d emotion-head/LSTM tensors and the fusion layer%n",
                frozen, speechTrained, videoTrained);
        assertTrue(frozen > 500, "FAN tensors compared: " + frozen);
        assertTrue(speechTrained > 30, "speech tensors trained: " + speechTrained);
        assertTrue(videoTrained > 60, "video tensors trained: " + videoTrained);
        assertTrue(!Arrays.equals(init.tensor("fc.weight").toFloatArray(), trained.tensor("fc.weight").toFloatArray()), "fusion layer not trained");

        // the export, loaded through the inference networks (eager speech network, EmoNet-LSTM, fusion layer), gives
        // the training side's logits
        float[] expected = task.logits(ex);
        float[] speechLogits;
        try (EagerSpeechNet speech = EagerSpeechNet.create(trained.stripPrefix("speech_net."))) {
            speechLogits = speech.logits(mel, 1)[0];
        }
        float[] videoLogits;
        try (EmoNetLstm video = EmoNetLstm.create(trained, 3)) {
            videoLogits = video.clipLogits(frames, STRIDE);
        }
        float[] reloaded = FusionNet.create(trained).fuse(videoLogits, speechLogits);
        double err = 0;
        double scale = 0;
        for (int i = 0; i < 8; i++) {
            err = Math.max(err, Math.abs(reloaded[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        System.out.printf("exported multimodal model through the eager networks vs training-side inference: max |err| / max |logit| = %.3g%n",
                err / scale);
        assertTrue(err / scale < 1e-3, Arrays.toString(reloaded) + " vs " + Arrays.toString(expected));
        assertEquals(label, Logits.argmax(reloaded), "the reloaded model predicts the trained label");
    }

    @Test
    void misSizedInputsAndLabelsAreNamed() {
        StateDict init = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"));
        float[] mel = new float[128 * 563];
        float[] faces = new float[9 * EmoNet.FEATURE_CHANNELS * 64 * 64];
        MultimodalTrainingTask.Example ok = new MultimodalTrainingTask.Example(mel, faces, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultimodalTrainingTask(init, 1, STRIDE,
                List.of(ok, new MultimodalTrainingTask.Example(new float[5], faces, 1)), List.of(ok), Map.of()));
        assertTrue(e.getMessage().contains("training clip 1 has 5 mel values"), e.getMessage());
        MultimodalTrainingTask lazy = new MultimodalTrainingTask(init, 1, STRIDE, List.of(ok),
                List.of(new MultimodalTrainingTask.Example(mel, () -> new float[7], 1)), Map.of());
        e = assertThrows(IllegalArgumentException.class, lazy::validate);
        assertTrue(e.getMessage().contains("validation clip 0 has 7 face feature values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MultimodalTrainingTask(init, 1, STRIDE,
                List.of(new MultimodalTrainingTask.Example(mel, faces, 9)), List.of(ok), Map.of()));
        assertTrue(e.getMessage().contains("label 9"), e.getMessage());
    }

    /** A real GRID clip through the DataVec face reader: 90 steps of face crops (75 real, 15 padded). */
    private static float[] realClip() throws Exception {
        FaceSequenceRecordReader reader = new FaceSequenceRecordReader(VideoOptions.seed(), null,
                HaarFaceDetector.load(SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml")), new FixedLabel(3));
        reader.initialize(List.of(SharedData.require("data/faces/video/lwbsza.mpg")));
        return VideoTrainingTask.framesOf(reader.nextSequence().getSequenceRecord()).frames();
    }
}
