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
import org.affect4j.core.nn.Logits;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.core.train.TrainingTask;
import org.affect4j.testing.FixedLabel;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.data.FaceSequenceRecordReader;
import org.affect4j.vision.face.HaarFaceDetector;
import org.affect4j.vision.net.EmoNet;
import org.affect4j.vision.net.EmoNetLstm;
import org.affect4j.vision.net.EmoNetLstmTraining;
import org.datavec.api.writable.IntWritable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The seed's video freezing on real 90-frame face clips (GRID videos through the DataVec face reader): EmoNet's face-alignment network frozen, its emotion head,
 * the LSTM and the linears trained. Stride 10 (the head on 9 of the 90 frames, held) keeps the test's memory and
 * time small; stride 1 is the same graph with more frames.
 */
class VideoTrainingTaskTest {

    private static final int STRIDE = 10;

    @TempDir
    Path tmp;

    @Test
    void headLstmAndLinearsLearnTwoRealClipsWhileTheFaceAlignmentNetworkStaysBitIdentical() {
        StateDict init = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl")).stripPrefix("emonet_lstm.");
        // two real GRID clips read on demand through the DataVec face reader (90 steps each: 75 real, 15 padded),
        // their features kept after first use
        FaceSequenceRecordReader reader = new FaceSequenceRecordReader(VideoOptions.seed(), null,
                HaarFaceDetector.load(SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml")), new FixedLabel(3));
        List<Path> videos = List.of(SharedData.require("data/faces/video/bbaf2n.mpg"), SharedData.require("data/faces/video/brbk7n.mpg"));
        ClipSource read = ClipSource.fromVideos(videos, reader, EmoNetLstmTraining.faceFeatureGraph(init.stripPrefix("net.")), STRIDE, 3)
                .cached();
        assertEquals(3, read.label(0), "label from the reader's label generator");
        assertEquals(videos.get(1).toString(), read.name(1));

        // labels the untrained network does not predict, different for the two clips
        int la = (Logits.argmax(inferenceLogits(init, read.features(0))) + 3) % 8;
        int lb = (Logits.argmax(inferenceLogits(init, read.features(1))) + 5) % 8;
        if (lb == la) {
            lb = (lb + 1) % 8;
        }
        int[] labels = {la, lb};
        ClipSource clips = ClipSource.inMemory(List.of(read.features(0), read.features(1)), labels);
        VideoTrainingTask task = new VideoTrainingTask(init, 1, STRIDE, clips, clips, Map.of("data", "test clips"));
        double before = task.validate().loss();
        Trainer.Result r = new Trainer(TrainerConfig.seedRecipe(4).withBatchSize(1).withLearningRate(1e-3), tmp, null).fit(task);
        TrainingTask.Score after = task.validate();
        System.out.printf("EmoNet head + LSTM on 2 real GRID clips (stride %d), labels %d and %d: validation loss %.4g -> %.3g, accuracy %.2f, in 8 steps%n",
                STRIDE, la, lb, before, after.loss(), after.accuracy());
        assertTrue(after.loss() < 0.5 * before, before + " -> " + after.loss());

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
        float[] exported = inferenceLogits(trained, read.features(0));
        float[] frames = VideoTrainingTask.framesOf(reader.loadSequenceFromMetaData(
                new org.datavec.api.records.metadata.RecordMetaDataURI(videos.get(0).toUri(), FaceSequenceRecordReader.class)).getSequenceRecord()).frames();
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
        }
    }

    @Test
    void initialWeightsArePretrainedEmoNetPlusPyTorchDefaultLstmAndLinears() {
        StateDict fixture = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl")).stripPrefix("emonet_lstm.");
        StateDict emonet = fixture.stripPrefix("net.");
        StateDict a = EmoNetLstmTraining.initialWeights(emonet, 1);
        assertEquals(fixture.keys(), a.keys(), "the seed's EmoNet-LSTM layout");
        for (String k : a.keys()) {
            assertArrayEquals(fixture.tensor(k).shape(), a.tensor(k).shape(), k);
            float[] v = a.tensor(k).toFloatArray();
            if (k.startsWith("net.")) {
                assertArrayEquals(emonet.tensor(k.substring(4)).toFloatArray(), v, "EmoNet tensor " + k + " as given");
                continue;
            }
            long[] shape = a.tensor(k).shape();
            double bound = k.startsWith("rnns.") ? 1 / Math.sqrt(64) : 1 / Math.sqrt(k.endsWith("bias")
                    ? fixture.tensor(k.replace("bias", "weight")).shape()[1] : shape[1]);
            double max = 0;
            for (float x : v) {
                max = Math.max(max, Math.abs(x));
            }
            // uniform in ±bound: never beyond it, and with many values close to it
            assertTrue(max <= bound && max > (v.length >= 100 ? 0.9 : 0.1) * bound, k + ": max |w| " + max + ", PyTorch's bound " + bound);
        }
        assertArrayEquals(a.tensor("fc.1.weight").toFloatArray(), EmoNetLstmTraining.initialWeights(emonet, 1).tensor("fc.1.weight").toFloatArray());
        assertTrue(!Arrays.equals(a.tensor("fc.1.weight").toFloatArray(), EmoNetLstmTraining.initialWeights(emonet, 2).tensor("fc.1.weight").toFloatArray()));
        StateDict noHead = StateDict.of(emonet.keys().stream().filter(k -> !k.startsWith("emo_fc_2.3."))
                .collect(java.util.stream.Collectors.toMap(k -> k, emonet::tensor, (x, y) -> x, java.util.LinkedHashMap::new)), emonet.source());
        org.affect4j.core.CheckpointException e = assertThrows(org.affect4j.core.CheckpointException.class,
                () -> EmoNetLstmTraining.initialWeights(noHead, 1));
        assertTrue(e.getMessage().contains("emo_fc_2.3.weight"), e.getMessage());
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
        ClipSource broken = new ClipSource() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public int label(int i) {
                return 0;
            }

            @Override
            public float[] features(int i) {
                return new float[3];
            }

            @Override
            public String name(int i) {
                return "broken.mp4";
            }
        };
        VideoTrainingTask lazy = new VideoTrainingTask(init, 1, STRIDE, broken, broken, Map.of());
        e = assertThrows(IllegalArgumentException.class, lazy::validate);
        assertTrue(e.getMessage().contains("validation clip 0 (broken.mp4) has 3 feature values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VideoTrainingTask.framesOf(List.of(List.of(new IntWritable(1)))));
        assertTrue(e.getMessage().contains("90 steps, got 1"), e.getMessage());
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
