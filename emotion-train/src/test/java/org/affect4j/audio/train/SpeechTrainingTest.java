package org.affect4j.audio.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.SpeechModelArchive;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.net.SpeechNet;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchTensor;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The speech trainer on real RAVDESS clips (actor 01 of the shared subset): the training graph computes what the
 * inference graph computes, training lowers the loss, a resumed run repeats an uninterrupted one, and an exported
 * model predicts bit-identically after loading.
 */
class SpeechTrainingTest {

    private static final int B = 4;
    private static List<float[]> xs;
    private static int[] ys;
    private static SklearnScaler scaler;

    @BeforeAll
    static void loadClips() {
        List<Path> files = RavdessFiles.list(SharedData.require("data/ravdess-speech/Actor_01"), ".wav");
        List<Path> pick = new ArrayList<>();
        for (int i = 0; i < files.size() && pick.size() < 8; i += 7) {
            pick.add(files.get(i));
        }
        SpeechCorpus corpus = SpeechCorpus.load(pick, SpeechInput.seed(null), LabelOrder.SEED_SPEECH, 0, 1, null, null);
        scaler = corpus.fitScaler();
        xs = corpus.scaled(scaler);
        ys = corpus.labels();
    }

    private static INDArray batch(int from) {
        float[] buf = new float[B * xs.get(0).length];
        for (int i = 0; i < B; i++) {
            System.arraycopy(xs.get(from + i), 0, buf, i * xs.get(0).length, xs.get(0).length);
        }
        return Nd4j.create(buf, new long[] {B, 1, SpeechNet.N_MELS, SpeechNet.N_FRAMES}, 'c');
    }

    @Test
    void trainingGraphWithBatchStatisticsEqualsInferenceGraph() {
        StateDict init = SpeechNet.initialWeights(3);
        SpeechNet.TrainingGraph tg = SpeechNet.buildTraining(init, B, false);
        List<String> names = new ArrayList<>(List.of(SpeechNet.LOGITS));
        for (SpeechNet.BatchStats s : tg.batchStats()) {
            names.add(s.meanVariable());
            names.add(s.varianceVariable());
        }
        INDArray x = batch(0);
        Map<String, INDArray> out = tg.sameDiff().output(Map.of(SpeechNet.INPUT, x), names.toArray(String[]::new));
        // the same weights for inference, with the running statistics set to this batch's statistics and the conv
        // bias at 0 (the training graph drops it)
        Map<String, TorchTensor> w = new LinkedHashMap<>();
        for (String k : init.keys()) {
            w.put(k, init.tensor(k));
        }
        for (String k : init.keys()) {
            if (SpeechNet.isDroppedInTraining(k)) {
                w.put(k, TorchTensor.ofFloats(new float[(int) init.tensor(k).numel()], init.tensor(k).shape()));
            }
        }
        for (SpeechNet.BatchStats s : tg.batchStats()) {
            w.put(s.prefix() + "running_mean", TorchTensor.ofFloats(out.get(s.meanVariable()).dup().data().asFloat(), s.channels()));
            w.put(s.prefix() + "running_var", TorchTensor.ofFloats(out.get(s.varianceVariable()).dup().data().asFloat(), s.channels()));
        }
        SameDiff inf = SpeechNet.build(StateDict.of(w, Path.of("batch-stats")));
        float[] expected = inf.output(Map.of(SpeechNet.INPUT, x), SpeechNet.LOGITS).get(SpeechNet.LOGITS).dup().data().asFloat();
        float[] actual = out.get(SpeechNet.LOGITS).dup().data().asFloat();
        double maxErr = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        System.out.printf("training graph vs inference graph with batch statistics: max |diff| %.3g (logit scale %.3g)%n", maxErr, scale);
        assertTrue(maxErr <= 1e-4 * Math.max(1, scale), "max error " + maxErr);
    }

    private static SpeechTrainingTask task(List<float[]> train, int[] trainY, List<float[]> val, int[] valY) {
        return new SpeechTrainingTask(SpeechNet.initialWeights(11), B, train, trainY, val, valY, scaler, LabelOrder.SEED_SPEECH,
                Map.of("test", true));
    }

    @Test
    void specAugmentMasksTrainingBatchesReproduciblyPerEpoch() {
        List<float[]> four = xs.subList(0, B);
        int[] y = java.util.Arrays.copyOf(ys, B);
        SpeechTrainingTask t = new SpeechTrainingTask(SpeechNet.initialWeights(11), B, four, y, four, y, scaler,
                LabelOrder.SEED_SPEECH, Map.of("test", true), org.affect4j.audio.features.SpecAugment.standard());
        int[] idx = {2, 0};
        t.beginEpoch(5);
        float[] first = t.batch(idx).getFeatures().dup().data().asFloat();
        t.beginEpoch(5);
        float[] again = t.batch(idx).getFeatures().dup().data().asFloat();
        t.beginEpoch(6);
        float[] other = t.batch(idx).getFeatures().dup().data().asFloat();
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, again, "same epoch seed, same masks");
        assertTrue(!java.util.Arrays.equals(first, other), "another epoch draws other masks");
        int per = 128 * 563;
        int zeros = 0;
        for (int i = 0; i < per; i++) {
            float clean = four.get(2)[i];
            if (first[i] != clean) {
                org.junit.jupiter.api.Assertions.assertEquals(0f, first[i], "only masked values change");
                zeros++;
            }
        }
        System.out.printf("SpecAugment standard: %d of %d values of example 2 masked%n", zeros, per);
        assertTrue(zeros > 0, "something is masked");
    }

    @Test
    void trainingLowersTheLossOnWhatItSees() {
        List<float[]> four = xs.subList(0, B);
        int[] y = java.util.Arrays.copyOf(ys, B);
        SpeechTrainingTask t = task(four, y, four, y);
        t.endEpoch(0);
        double before = t.validate().loss();
        TrainerConfig cfg = TrainerConfig.seedRecipe(8).withBatchSize(B).withLearningRate(1e-3);
        Trainer.Result r = new Trainer(cfg, tempDir.resolve("overfit"), null).fit(t);
        double after = t.validate().loss();
        System.out.printf("loss on 4 training clips: %.4f before, %.4f after 8 steps (train loss by epoch %s)%n", before, after,
                r.history().stream().map(e -> String.format("%.3f", e.trainLoss())).toList());
        assertTrue(after < 0.7 * before, "loss " + before + " -> " + after);
    }

    @TempDir
    Path tempDir;

    @Test
    void resumedRunRepeatsUninterruptedRunAndExportLoadsBitIdentically() {
        List<float[]> train = xs.subList(0, 2 * B);
        int[] trainY = java.util.Arrays.copyOf(ys, 2 * B);
        List<float[]> val = xs.subList(0, B);
        int[] valY = java.util.Arrays.copyOf(ys, B);
        TrainerConfig cfg = TrainerConfig.seedRecipe(2).withBatchSize(B).withLearningRate(1e-3);

        Path straight = tempDir.resolve("straight");
        Trainer.Result a = new Trainer(cfg, straight, null).fit(task(train, trainY, val, valY));
        Path resumed = tempDir.resolve("resumed");
        new Trainer(cfg.withEpochs(1), resumed, null).fit(task(train, trainY, val, valY));
        Trainer.Result b = new Trainer(cfg, resumed, null).fit(task(train, trainY, val, valY));

        assertEquals(2, b.history().size());
        ModelArchive ca = ModelArchive.read(straight.resolve(Trainer.LAST));
        ModelArchive cb = ModelArchive.read(resumed.resolve(Trainer.LAST));
        assertEquals(ca.tensors().keySet(), cb.tensors().keySet());
        double maxDiff = 0;
        for (String k : ca.tensors().keySet()) {
            float[] fa = ca.tensor(k).toFloats();
            float[] fb = cb.tensor(k).toFloats();
            for (int i = 0; i < fa.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(fa[i] - fb[i]));
            }
        }
        System.out.printf("resumed vs uninterrupted run: max |diff| over weights, Adam moments and BN statistics %.3g%n", maxDiff);
        assertEquals(0.0, maxDiff, 1e-6);
        assertEquals(a.history().get(1).valLoss(), b.history().get(1).valLoss(), 1e-6);

        // resuming with other options is refused, naming what differs
        SpeechTrainingTask mixed = new SpeechTrainingTask(SpeechNet.initialWeights(11), B, train, trainY, val, valY, scaler,
                LabelOrder.SEED_SPEECH, Map.of("test", true), org.affect4j.audio.features.SpecAugment.NONE,
                new org.affect4j.core.train.Mixup(0.3), null);
        org.affect4j.core.CheckpointException other = org.junit.jupiter.api.Assertions.assertThrows(
                org.affect4j.core.CheckpointException.class, () -> new Trainer(cfg.withEpochs(3), resumed, null).fit(mixed));
        assertTrue(other.getMessage().contains("task.mixup: checkpoint '0.0', this run '0.3'"), other.getMessage());
        org.affect4j.core.CheckpointException lr = org.junit.jupiter.api.Assertions.assertThrows(org.affect4j.core.CheckpointException.class,
                () -> new Trainer(cfg.withEpochs(3).withLearningRate(5e-4), resumed, null).fit(task(train, trainY, val, valY)));
        assertTrue(lr.getMessage().contains("learningRate: checkpoint '0.001', this run '5.0E-4'"), lr.getMessage());

        // the best model, saved by the trainer, predicts exactly what the trainer validated
        ModelArchive best = ModelArchive.read(a.bestModel());
        assertEquals(a.bestEpoch(), ((Number) SpeechModelArchive.provenance(best).get("epoch")).intValue());
        SameDiff ref = SpeechNet.build(best.stateDict("weights."));
        float[] expected = ref.output(Map.of(SpeechNet.INPUT, batch(0)), SpeechNet.LOGITS).get(SpeechNet.LOGITS).dup().data().asFloat();
        try (SpeechModel eager = SpeechModelArchive.load(a.bestModel())) {
            List<float[]> got = eager.logits(val);
            for (int i = 0; i < B; i++) { // the default engine: same numbers up to float rounding order
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, i * 8, i * 8 + 8), got.get(i), 1e-4f);
            }
        }
        try (SpeechModel m = SpeechModelArchive.fromArchive(best, 32, SpeechModel.DEFAULT_SILENCE_PEAK, InferenceEngine.SAMEDIFF)) {
            List<float[]> got = m.logits(val);
            for (int i = 0; i < B; i++) { // the graph engine: bit-identical
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, i * 8, i * 8 + 8), got.get(i));
            }
            assertArrayEquals(scaler.mean(), m.input().scaler().mean());
            assertEquals(LabelOrder.SEED_SPEECH.emotions(), m.labelOrder().emotions());
        }
    }

    /** The first two clips of actor 01 (for the per-epoch example tests, with their corpus kept in memory). */
    private static List<Path> twoClips() {
        return RavdessFiles.list(SharedData.require("data/ravdess-speech/Actor_01"), ".wav").subList(0, 2);
    }

    @Test
    void freshNoiseRedrawsTheAwgnCopiesPerEpochSeedAndKeepsTheCleanExamples() {
        List<Path> files = twoClips();
        SpeechInput unscaled = SpeechInput.seed(null);
        SpeechCorpus corpus = SpeechCorpus.load(files, unscaled, LabelOrder.SEED_SPEECH, 2, 1, null, null, true);
        SklearnScaler sc = corpus.fitScaler();
        List<float[]> fixed = corpus.scaled(sc);
        List<float[]> a = corpus.scaledWithFreshNoise(unscaled, sc, 7);
        List<float[]> again = corpus.scaledWithFreshNoise(unscaled, sc, 7);
        List<float[]> b = corpus.scaledWithFreshNoise(unscaled, sc, 8);
        assertEquals(6, a.size(), "2 clips x (clean + 2 copies), in the corpus's order");
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(a.get(i), again.get(i), "same seed, same examples: " + i);
            if (i % 3 == 0) {
                assertArrayEquals(fixed.get(i), a.get(i), "clean example " + i + " unchanged");
            } else {
                assertTrue(!java.util.Arrays.equals(a.get(i), b.get(i)), "another seed draws other noise: " + i);
                assertTrue(!java.util.Arrays.equals(a.get(i), fixed.get(i)), "not the copies drawn at load: " + i);
            }
        }
        // the documented draw: clip c's copies are the seed's AWGN (2 copies, SNR 15-30 dB) of its window with
        // new Random(seed * 1_000_003 + c), through the same mel front end and scaler
        float[] window = unscaled.window(org.affect4j.audio.io.WavDecoder.decode(files.get(1)));
        float[][] noisy = org.affect4j.audio.features.Awgn.augment(window, 2, 15, 30, new java.util.Random(7 * 1_000_003L + 1));
        double[] mel = unscaled.melDb(noisy[1]);
        float[] expected = new float[mel.length];
        for (int k = 0; k < mel.length; k++) {
            expected[k] = (float) ((((float) mel[k]) - sc.mean()[k]) / sc.scale()[k]);
        }
        assertArrayEquals(expected, a.get(5), "clip 1, copy 2");
        // the task takes them at the start of each epoch, and refuses a wrong count
        int[] y = corpus.labels();
        SpeechTrainingTask t = new SpeechTrainingTask(SpeechNet.initialWeights(11), 2, fixed, y, fixed, y, sc, LabelOrder.SEED_SPEECH,
                Map.of(), org.affect4j.audio.features.SpecAugment.NONE, seed -> corpus.scaledWithFreshNoise(unscaled, sc, seed));
        t.beginEpoch(7);
        float[] batch = t.batch(new int[] {1, 0}).getFeatures().dup().data().asFloat();
        assertArrayEquals(a.get(1), java.util.Arrays.copyOf(batch, a.get(1).length), "the task trains on the epoch's examples");
        SpeechTrainingTask wrong = new SpeechTrainingTask(SpeechNet.initialWeights(11), 2, fixed, y, fixed, y, sc, LabelOrder.SEED_SPEECH,
                Map.of(), org.affect4j.audio.features.SpecAugment.NONE, seed -> fixed.subList(0, 3));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> wrong.beginEpoch(1));
        assertTrue(e.getMessage().contains("3 examples, the task has 6"), e.getMessage());
        SpeechCorpus plain = SpeechCorpus.load(files, unscaled, LabelOrder.SEED_SPEECH, 2, 1, null, null);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> plain.scaledWithFreshNoise(unscaled, sc, 1));
    }

    /**
     * Mixup through the task: each row of a training batch is λ·x_i + (1 − λ)·x_partner with the targets mixed the
     * same way (read back from the batch, not recomputed), and the training graph's loss on such soft targets is
     * the soft cross-entropy −Σ t·log softmax(logits) of its own logits.
     */
    @Test
    void mixupBatchesMixFeaturesAndTargetsAndTheLossTakesSoftTargets() {
        int[] pick = new int[B];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int n = 0;
        for (int i = 0; i < xs.size() && n < B; i++) {
            if (seen.add(ys[i])) {
                pick[n++] = i;
            }
        }
        assertEquals(B, n, "need " + B + " clips of distinct emotions among the picked files");
        List<float[]> x = new ArrayList<>();
        int[] y = new int[B];
        for (int i = 0; i < B; i++) {
            x.add(xs.get(pick[i]));
            y[i] = ys[pick[i]];
        }
        SpeechTrainingTask t = new SpeechTrainingTask(SpeechNet.initialWeights(3), B, x, y, x, y, scaler, LabelOrder.SEED_SPEECH,
                Map.of(), org.affect4j.audio.features.SpecAugment.NONE, new org.affect4j.core.train.Mixup(0.4), null);
        t.beginEpoch(5);
        org.nd4j.linalg.dataset.DataSet d = t.batch(new int[] {0, 1, 2, 3});
        float[][] targets = d.getLabels().toFloatMatrix();
        float[] feats = d.getFeatures().dup().data().asFloat();
        int per = x.get(0).length;
        int mixedRows = 0;
        for (int i = 0; i < B; i++) {
            float sum = 0;
            int partner = i;
            for (int c = 0; c < 8; c++) {
                sum += targets[i][c];
                if (c != y[i] && targets[i][c] > 0) {
                    partner = java.util.Arrays.stream(y).boxed().toList().indexOf(c);
                }
            }
            assertEquals(1f, sum, 1e-6, "targets of row " + i + " sum to 1");
            float lambda = targets[i][y[i]];
            if (partner != i) {
                mixedRows++;
            }
            double maxErr = 0;
            for (int k = 0; k < per; k++) {
                float expected = lambda * x.get(i)[k] + (1 - lambda) * x.get(partner)[k];
                maxErr = Math.max(maxErr, Math.abs(expected - feats[i * per + k]));
            }
            assertTrue(maxErr < 1e-5, "row " + i + " = " + lambda + " x_" + i + " + (1 - lambda) x_" + partner + ": max error " + maxErr);
        }
        assertTrue(mixedRows >= 2, "a permutation of 4 with lambda in (0,1) mixes most rows, got " + mixedRows);

        SameDiff sd = t.graph();
        Map<String, INDArray> out = sd.output(Map.of(SpeechNet.INPUT, d.getFeatures(), SpeechNet.LABELS, d.getLabels()),
                SpeechNet.LOSS, SpeechNet.LOGITS);
        float[][] logits = out.get(SpeechNet.LOGITS).toFloatMatrix();
        double soft = 0;
        for (int i = 0; i < B; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits[i]) {
                max = Math.max(max, v);
            }
            double z = 0;
            for (float v : logits[i]) {
                z += Math.exp(v - max);
            }
            for (int c = 0; c < 8; c++) {
                soft -= targets[i][c] * (logits[i][c] - max - Math.log(z));
            }
        }
        soft /= B;
        double loss = out.get(SpeechNet.LOSS).getDouble(0);
        System.out.printf("mixup batch: graph loss %.6f, soft cross-entropy of its logits %.6f%n", loss, soft);
        assertEquals(soft, loss, 1e-4 * Math.max(1, soft));
    }

    /**
     * Time shifting: every epoch each clip's window starts at 0.5 s ± up to the shift (the documented draw), clean
     * and noisy examples are made from that window, and the same seed gives the same examples.
     */
    @Test
    void timeShiftMovesEachClipsWindowPerEpoch() {
        List<Path> files = twoClips();
        SpeechInput unscaled = SpeechInput.seed(null);
        SpeechCorpus corpus = SpeechCorpus.load(files, unscaled, LabelOrder.SEED_SPEECH, 2, 1, null, null, true);
        SklearnScaler sc = corpus.fitScaler();
        List<float[]> fixed = corpus.scaled(sc);
        SpeechAugmentation shift = SpeechAugmentation.SEED.withTimeShift(0.3);
        List<float[]> a = corpus.scaledForEpoch(unscaled, sc, 7, shift);
        List<float[]> again = corpus.scaledForEpoch(unscaled, sc, 7, shift);
        List<float[]> b = corpus.scaledForEpoch(unscaled, sc, 8, shift);
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(a.get(i), again.get(i), "same seed, same examples: " + i);
            assertTrue(!java.util.Arrays.equals(a.get(i), fixed.get(i)), "example " + i + " is not the fixed window's");
            assertTrue(!java.util.Arrays.equals(a.get(i), b.get(i)), "another epoch, another window: " + i);
        }
        // clip 1's clean example: its window cut at 0.5 + (2u - 1) * 0.3 s, u from the documented generator
        double u = new java.util.Random((7 * 1_000_003L + 1) ^ 0x5817F7L).nextDouble();
        double offset = 0.5 + (2 * u - 1) * 0.3;
        org.affect4j.audio.io.AudioSignal clip = org.affect4j.audio.io.WavDecoder.decode(files.get(1));
        float[] window = new float[unscaled.windowSamples()];
        int start = (int) Math.round(offset * clip.sampleRate());
        for (int i = 0; i < window.length && start + i < clip.length(); i++) {
            window[i] = clip.sample(start + i);
        }
        double[] mel = unscaled.melDb(window);
        double maxErr = 0;
        for (int k = 0; k < mel.length; k++) {
            double expected = (((float) mel[k]) - sc.mean()[k]) / sc.scale()[k];
            maxErr = Math.max(maxErr, Math.abs(expected - a.get(3)[k]));
        }
        System.out.printf("time shift: clip 1 window at %.3f s, max |scaled mel - expected| %.2e%n", offset, maxErr);
        assertTrue(maxErr < 1e-3, "clip 1's clean example is the mel of its window at " + offset + " s: max error " + maxErr);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SpeechAugmentation.SEED.withTimeShift(0.6));
    }

    /** The telephone channel and the cut: drawn per clip and epoch from the documented generators. */
    @Test
    void telephoneChannelAndCutAugmentationsMakeTheDocumentedWindows() {
        List<Path> files = twoClips();
        SpeechInput unscaled = new SpeechInput(new org.affect4j.audio.features.MelFrontend(
                org.affect4j.audio.features.MelConfig.telephoneBand()), null, 0.5, 3.0);
        SpeechCorpus corpus = SpeechCorpus.load(files, unscaled, LabelOrder.SEED_SPEECH, 2, 1, null, null, true);
        SklearnScaler sc = corpus.fitScaler();
        org.affect4j.audio.io.AudioSignal clip1 = org.affect4j.audio.io.WavDecoder.decode(files.get(1));

        SpeechAugmentation tel = SpeechAugmentation.SEED.withTelephone(1.0);
        assertTrue(tel.redrawsEachEpoch());
        List<float[]> t = corpus.scaledForEpoch(unscaled, sc, 5, tel);
        double[] expected = unscaled.melDb(unscaled.window(org.affect4j.audio.io.Degradations.telephone(clip1)));
        double maxErr = 0;
        for (int k = 0; k < expected.length; k++) {
            maxErr = Math.max(maxErr, Math.abs((((float) expected[k]) - sc.mean()[k]) / sc.scale()[k] - t.get(3)[k]));
        }
        System.out.printf("telephone augmentation: clip 1's clean example vs its telephone window, max error %.2e%n", maxErr);
        assertTrue(maxErr < 1e-3, "clip 1's clean example is its telephone-channel window: " + maxErr);

        SpeechAugmentation cut = SpeechAugmentation.SEED.withCut(1.0);
        long epoch = 5;
        double seconds;
        while (true) {   // an epoch whose draw cuts clip 1 to under 2 s (its speech runs past that)
            java.util.Random r = new java.util.Random((epoch * 1_000_003L + 1) ^ 0xC07C07L);
            assertTrue(r.nextDouble() < 1.0);
            seconds = 1.0 + r.nextDouble() * 2.0;
            if (seconds < 2.0) {
                break;
            }
            epoch++;
        }
        List<float[]> c = corpus.scaledForEpoch(unscaled, sc, epoch, cut);
        float[] window = unscaled.window(clip1);
        int keep = (int) Math.round(seconds * 48_000);
        java.util.Arrays.fill(window, keep, window.length, 0f);
        double[] cutMel = unscaled.melDb(window);
        maxErr = 0;
        for (int k = 0; k < cutMel.length; k++) {
            maxErr = Math.max(maxErr, Math.abs((((float) cutMel[k]) - sc.mean()[k]) / sc.scale()[k] - c.get(3)[k]));
        }
        System.out.printf("cut augmentation: clip 1 kept %.2f s, max error %.2e%n", seconds, maxErr);
        assertTrue(maxErr < 1e-3, "clip 1's clean example is its window cut after " + seconds + " s: " + maxErr);
        assertTrue(!java.util.Arrays.equals(c.get(3), corpus.scaled(sc).get(3)), "the cut changes the example");

        assertEquals("AWGN x2, SNR 15-30 dB (redrawn every epoch); telephone channel (8 kHz, 300-3400 Hz) with p 0.3; "
                + "window cut to 1.0 s..full with p 0.2", SpeechAugmentation.SEED.withTelephone(0.3).withCut(0.2).describe());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SpeechAugmentation.SEED.withCut(1.5));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SpeechAugmentation.SEED.withTelephone(-0.1));
    }

    /** A model trained on the telephone-band front end carries it in its archive and gets it back at load. */
    @Test
    void archiveRecordsTheMelFrontEnd() {
        int n = SpeechNet.N_MELS * SpeechNet.N_FRAMES;
        double[] mean = new double[n];
        double[] scale = new double[n];
        java.util.Arrays.fill(scale, 1.0);
        SklearnScaler unit = new SklearnScaler(mean, scale);
        org.affect4j.core.checkpoint.ModelArchive a = org.affect4j.audio.SpeechModelArchive.toArchive(SpeechNet.initialWeights(3), unit,
                LabelOrder.SEED_SPEECH, java.util.Map.of(), null, org.affect4j.audio.features.MelConfig.telephoneBand());
        assertEquals("telephone-band", a.meta().get("melFrontend"));
        try (org.affect4j.audio.SpeechModel m = org.affect4j.audio.SpeechModelArchive.fromArchive(a, 4, 1e-4f)) {
            assertEquals(org.affect4j.audio.features.MelConfig.telephoneBand(), m.input().frontend().config());
        }
        java.util.Map<String, Object> meta = new java.util.LinkedHashMap<>(a.meta());
        meta.put("melFrontend", "full-band-96k");
        org.affect4j.core.checkpoint.ModelArchive bad = org.affect4j.core.checkpoint.ModelArchive.of(meta, a.tensors());
        org.affect4j.core.CheckpointException e = org.junit.jupiter.api.Assertions.assertThrows(org.affect4j.core.CheckpointException.class,
                () -> org.affect4j.audio.SpeechModelArchive.fromArchive(bad, 4, 1e-4f));
        assertTrue(e.getMessage().contains("full-band-96k"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> org.affect4j.audio.SpeechModelArchive.toArchive(
                SpeechNet.initialWeights(3), unit, LabelOrder.SEED_SPEECH, java.util.Map.of(), null,
                new org.affect4j.audio.features.MelConfig(48_000, 1024, 512, 256, 128, 0, 8000, 1e-10, 80)));
    }

    /**
     * The archive stores the window the model was trained on (it once wrote 0.5 s whatever the model used), and the
     * loaded model analyses that window; a window that does not give the network's frames is refused at export.
     */
    @Test
    void archiveRecordsTheTrainingWindow() {
        int n = SpeechNet.N_MELS * SpeechNet.N_FRAMES;
        double[] scale = new double[n];
        java.util.Arrays.fill(scale, 1.0);
        SklearnScaler unit = new SklearnScaler(new double[n], scale);
        org.affect4j.audio.features.SpeechWindow trained = org.affect4j.audio.features.SpeechWindow.SEED.withOffset(1.25);
        org.affect4j.core.checkpoint.ModelArchive a = org.affect4j.audio.SpeechModelArchive.toArchive(SpeechNet.initialWeights(3), unit,
                LabelOrder.SEED_SPEECH, java.util.Map.of(), null, org.affect4j.audio.features.MelConfig.seed(), trained);
        assertEquals(1.25, ((Number) a.meta().get("offsetSeconds")).doubleValue());
        try (org.affect4j.audio.SpeechModel m = org.affect4j.audio.SpeechModelArchive.fromArchive(a, 4, 1e-4f)) {
            assertEquals(trained, m.input().window());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.affect4j.audio.SpeechModelArchive.toArchive(SpeechNet.initialWeights(3), unit, LabelOrder.SEED_SPEECH,
                        java.util.Map.of(), null, org.affect4j.audio.features.MelConfig.seed(),
                        new org.affect4j.audio.features.SpeechWindow(0.5, 4.0, 48_000)));
        assertTrue(e.getMessage().contains("563 frames"), e.getMessage());
    }

    /** Speed perturbation: a 440 Hz tone played 1.1× as fast is 1/1.1 as long and sounds at 484 Hz. */
    @Test
    void speedPerturbationChangesTempoAndPitchTogether() {
        int rate = 48_000;
        float[] tone = new float[rate];
        for (int i = 0; i < rate; i++) {
            tone[i] = (float) Math.sin(2 * Math.PI * 440 * i / rate + 0.3);
        }
        for (double factor : new double[] {1.1, 0.9}) {
            org.affect4j.audio.io.AudioSignal fast = SpeechCorpus.speedChanged(new org.affect4j.audio.io.AudioSignal(tone, rate, null), factor);
            assertEquals(rate, fast.sampleRate());
            assertEquals(rate / factor, fast.length(), 2, "length");
            // frequency from sign changes in the middle (away from the resampler's edges): 2 per period
            int from = 2000;
            int to = fast.length() - 2000;
            int crossings = 0;
            for (int i = from + 1; i < to; i++) {
                if ((fast.sample(i - 1) < 0) != (fast.sample(i) < 0)) {
                    crossings++;
                }
            }
            double hz = crossings / 2.0 / ((to - from - 1) / (double) rate);
            System.out.printf("speed x%.1f: %d samples, tone at %.1f Hz (expected %.1f)%n", factor, fast.length(), hz, 440 * factor);
            assertEquals(440 * factor, hz, 0.01 * 440 * factor);
        }
        List<Path> files = twoClips();
        SpeechInput unscaled = SpeechInput.seed(null);
        SpeechCorpus corpus = SpeechCorpus.load(files, unscaled, LabelOrder.SEED_SPEECH, 2, 1, null, null, true);
        SklearnScaler sc = corpus.fitScaler();
        SpeechAugmentation speed = SpeechAugmentation.SEED.withSpeedPerturbation(0.1);
        List<float[]> a = corpus.scaledForEpoch(unscaled, sc, 3, speed);
        List<float[]> fixed = corpus.scaled(sc);
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(a.get(i), corpus.scaledForEpoch(unscaled, sc, 3, speed).get(i), "same seed, same examples: " + i);
            assertTrue(!java.util.Arrays.equals(a.get(i), fixed.get(i)), "example " + i + " is perturbed");
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> speed.withSpeedPerturbation(0.5));
        assertTrue(speed.redrawsEachEpoch());
        assertEquals("AWGN x2, SNR 15-30 dB (redrawn every epoch); speed x[0.9, 1.1]", speed.describe());
    }

    /** The per-mel-bin scaler: bin b's mean is the mean of every frame of bin b over all examples, its scale the same for all frames. */
    @Test
    void perMelBinScalerPoolsEachBinOverFramesAndExamples() {
        List<Path> files = RavdessFiles.list(SharedData.require("data/ravdess-speech/Actor_02"), ".wav").subList(0, 3);
        SpeechCorpus corpus = SpeechCorpus.load(files, SpeechInput.seed(null), LabelOrder.SEED_SPEECH, 2, 1, null, null);
        SklearnScaler perBin = corpus.fitScaler(ScalerFit.PER_MEL_BIN);
        int frames = SpeechNet.N_FRAMES;
        for (int bin : new int[] {0, 40, 127}) {
            double sum = 0;
            double sq = 0;
            long n = 0;
            for (SpeechCorpus.Example e : corpus.examples()) {
                for (int f = 0; f < frames; f++) {
                    double v = e.melDb()[bin * frames + f];
                    sum += v;
                    sq += v * v;
                    n++;
                }
            }
            double mean = sum / n;
            double sd = Math.sqrt(sq / n - mean * mean);
            for (int f : new int[] {0, 281, frames - 1}) {
                assertEquals(mean, perBin.mean()[bin * frames + f], 1e-9 * Math.max(1, Math.abs(mean)), "bin " + bin + " frame " + f);
                assertEquals(sd, perBin.scale()[bin * frames + f], 1e-6 * sd, "bin " + bin + " frame " + f);
            }
        }
        assertTrue(corpus.fitScaler().mean()[40 * frames] != corpus.fitScaler().mean()[40 * frames + 281], "the seed's scaler differs per frame");
    }

    @Test
    void actorSetsMustNotOverlap() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new SpeechTraining.Plan(Path.of("."),
                java.util.Set.of(1, 2), java.util.Set.of(2, 3), Path.of("w"), null));
    }
}
