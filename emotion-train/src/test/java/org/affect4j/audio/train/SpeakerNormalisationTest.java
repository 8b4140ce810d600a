package org.affect4j.audio.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.SpeechModelArchive;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speaker normalisation of the training input (beyond the seed): each actor's clean clips end up with the target's
 * band means, AWGN copies move with their clean clip, held-out actors are shifted by their other repetition's means,
 * and a model trained this way carries its target, which speaker calibration then aims at.
 */
class SpeakerNormalisationTest {

    private static final int MELS = 128;
    private static final int FRAMES = 563;

    /** Band means over all frames of the clean windows of {@code files}, computed straight from the mel front end. */
    private static double[] bandMeans(List<Path> files) {
        SpeechInput in = SpeechInput.seed(null);
        double[] sum = new double[MELS];
        for (Path f : files) {
            double[] m = in.melDb(in.window(org.affect4j.audio.io.WavDecoder.decode(f)));
            for (int k = 0; k < m.length; k++) {
                sum[k / FRAMES] += m[k];
            }
        }
        for (int b = 0; b < MELS; b++) {
            sum[b] /= files.size() * (double) FRAMES;
        }
        return sum;
    }

    /** Clips of {@code actor} for statements 1–2, repetitions 1–2 and the given emotions (normal intensity). */
    private static List<Path> clips(int actor, int... emotions) {
        List<Path> out = new ArrayList<>();
        for (int e : emotions) {
            for (int st = 1; st <= 2; st++) {
                for (int rep = 1; rep <= 2; rep++) {
                    out.add(SharedData.require(String.format("data/ravdess-speech/Actor_%02d/03-01-%02d-01-%02d-%02d-%02d.wav",
                            actor, e, st, rep, actor)));
                }
            }
        }
        return out;
    }

    @Test
    void eachActorsCleanClipsGetTheTargetBandMeansAndNoisyCopiesMoveWithThem() {
        List<Path> a1 = clips(1, 2, 5);
        List<Path> a2 = clips(2, 2, 5);
        List<Path> files = new ArrayList<>(a1);
        files.addAll(a2);
        SpeechCorpus corpus = SpeechCorpus.load(files, SpeechInput.seed(null), LabelOrder.SEED_SPEECH, 2, 7, null, null);
        double[] target = corpus.cleanBandMeans();
        assertArrayEquals(bandMeans(files), target, 1e-3, "target = band means of all clean training windows");

        SpeechCorpus norm = corpus.speakerNormalised(target, SpeechCorpus.SpeakerClips.ALL);
        assertEquals(corpus.size(), norm.size());
        double[] a1Before = bandMeans(a1);
        for (int actor : new int[] {1, 2}) {
            double[] sum = new double[MELS];
            int n = 0;
            for (SpeechCorpus.Example e : norm.examples()) {
                if (e.copy() == 0 && e.name().actor() == actor) {
                    for (int k = 0; k < e.melDb().length; k++) {
                        sum[k / FRAMES] += e.melDb()[k];
                    }
                    n++;
                }
            }
            for (int b = 0; b < MELS; b++) {
                assertEquals(target[b], sum[b] / (n * (double) FRAMES), 1e-3, "actor " + actor + " band " + b);
            }
        }
        // a noisy copy is shifted by its clean clip's offsets: actor 1's offset, target - actor 1's band means
        SpeechCorpus.Example noisyBefore = corpus.examples().get(1);
        SpeechCorpus.Example noisyAfter = norm.examples().get(1);
        assertEquals(1, noisyAfter.copy());
        assertEquals(1, noisyAfter.name().actor());
        for (int b : new int[] {0, 50, 127}) {
            int k = b * FRAMES + 100;
            assertEquals(target[b] - a1Before[b], noisyAfter.melDb()[k] - noisyBefore.melDb()[k], 2e-3, "band " + b);
        }
        assertThrows(IllegalArgumentException.class, () -> corpus.speakerNormalised(new double[64], SpeechCorpus.SpeakerClips.ALL));
    }

    @Test
    void heldOutClipsAreShiftedByTheirActorsOtherRepetition() {
        List<Path> files = clips(3, 1, 4);
        SpeechCorpus corpus = SpeechCorpus.load(files, SpeechInput.seed(null), LabelOrder.SEED_SPEECH, 0, 7, null, null);
        double[] target = new double[MELS];
        java.util.Arrays.fill(target, -40);
        SpeechCorpus norm = corpus.speakerNormalised(target, SpeechCorpus.SpeakerClips.OTHER_REPETITION);
        List<Path> rep2 = files.stream().filter(f -> RavdessFileName.parse(f).repetition() == 2).toList();
        double[] rep2Means = bandMeans(rep2);
        for (int i = 0; i < files.size(); i++) {
            SpeechCorpus.Example before = corpus.examples().get(i);
            SpeechCorpus.Example after = norm.examples().get(i);
            if (before.name().repetition() == 1) {
                for (int b : new int[] {3, 64, 120}) {
                    int k = b * FRAMES + 7;
                    assertEquals(-40 - rep2Means[b], after.melDb()[k] - before.melDb()[k], 2e-3, "band " + b);
                }
            }
        }
        List<Path> onlyRep1 = files.stream().filter(f -> RavdessFileName.parse(f).repetition() == 1).toList();
        SpeechCorpus half = SpeechCorpus.load(onlyRep1, SpeechInput.seed(null), LabelOrder.SEED_SPEECH, 0, 7, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> half.speakerNormalised(target, SpeechCorpus.SpeakerClips.OTHER_REPETITION));
        assertTrue(e.getMessage().contains("actor 3") && e.getMessage().contains("repetition 2"), e.getMessage());
    }

    /**
     * One short epoch of the real recipe with speaker normalisation: the saved model carries the training clips' band
     * means as its calibration target, says so in its recipe, calibrates towards them, and a checkpoint of this run
     * refuses to resume without the option.
     */
    @Test
    void aSpeakerNormalisedRunSavesItsTargetAndCalibrationAimsAtIt(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        List<Path> train = new ArrayList<>();
        for (int actor : new int[] {1, 2}) {
            for (Path f : clips(actor, 2, 5)) {
                Path to = Files.createDirectories(data.resolve(f.getParent().getFileName())).resolve(f.getFileName());
                train.add(Files.copy(f, to));
            }
        }
        for (Path f : clips(3, 2, 5)) {
            Files.copy(f, Files.createDirectories(data.resolve(f.getParent().getFileName())).resolve(f.getFileName()));
        }
        TrainerConfig config = TrainerConfig.seedRecipe(1).withBatchSize(8);
        SpeechTraining.Plan plan = new SpeechTraining.Plan(data, Set.of(1, 2), Set.of(3), tmp.resolve("work"), null,
                SpeechAugmentation.SEED, ScalerFit.PER_FEATURE, true);
        Trainer.Result r = SpeechTraining.run(plan, config, null, null);

        var archive = org.affect4j.core.checkpoint.ModelArchive.read(r.bestModel());
        double[] target = archive.tensor(SpeechModelArchive.CALIBRATION_TARGET).toDoubles();
        assertArrayEquals(bandMeans(train), target, 1e-3);
        Map<?, ?> recipe = (Map<?, ?>) SpeechModelArchive.provenance(archive).get("recipe");
        assertEquals(SpeechTraining.SPEAKER_NORMALISATION, recipe.get("speakerNormalisation"));

        try (SpeechModel m = SpeechModelArchive.load(r.bestModel())) {
            assertTrue(m.input().speakerNormalised());
            assertArrayEquals(target, m.input().calibrationTargetDb(), 0);
            List<Path> speaker = clips(4, 3, 6);
            double[] offsets = m.fitCalibration(speaker.stream().map(Clip::of).toList()).offsetsDb();
            double[] means = bandMeans(speaker);
            for (int b = 0; b < MELS; b++) {
                assertEquals(target[b] - means[b], offsets[b], 1e-6, "band " + b);
            }
        }
        try (SpeechModel seedLike = SpeechModelArchive.fromArchive(org.affect4j.audio.BundledSpeechModel.SEED_RECIPE.read(), 32,
                SpeechModel.DEFAULT_SILENCE_PEAK)) {
            assertFalse(seedLike.input().speakerNormalised(), "the bundled model is not speaker-normalised");
        }

        SpeechTraining.Plan without = new SpeechTraining.Plan(data, Set.of(1, 2), Set.of(3), tmp.resolve("work"), null);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> SpeechTraining.run(without, TrainerConfig.seedRecipe(2).withBatchSize(8), null, null));
        assertTrue(e.getMessage().contains("speakerNormalisation"), e.getMessage());
    }

    /**
     * Examples redrawn every epoch (fresh noise, time shift) from a speaker-normalised corpus are the same redraws as
     * from the raw corpus, shifted by their clip's offsets; the clean examples of a fresh-noise-only epoch are the
     * loaded (normalised) ones.
     */
    @Test
    void examplesRedrawnEachEpochAreShiftedByTheirClipsOffsets() {
        List<Path> files = new ArrayList<>(clips(1, 3));
        files.addAll(clips(2, 3));
        SpeechCorpus raw = SpeechCorpus.load(files, SpeechInput.seed(null), LabelOrder.SEED_SPEECH, 2, 7, null, null, true);
        double[] target = new double[MELS];
        java.util.Arrays.fill(target, -35);
        SpeechCorpus norm = raw.speakerNormalised(target, SpeechCorpus.SpeakerClips.ALL);
        double[] a2Means = bandMeans(clips(2, 3));
        org.affect4j.core.checkpoint.SklearnScaler identity = new org.affect4j.core.checkpoint.SklearnScaler(
                new double[MELS * FRAMES], filled(MELS * FRAMES, 1));
        for (SpeechAugmentation aug : List.of(SpeechAugmentation.SEED.withFreshNoise(true),
                SpeechAugmentation.SEED.withTimeShift(0.2))) {
            List<float[]> before = raw.scaledForEpoch(SpeechInput.seed(null), identity, 11, aug);
            List<float[]> after = norm.scaledForEpoch(SpeechInput.seed(null), identity, 11, aug);
            assertEquals(raw.size(), after.size());
            for (int i = 0; i < raw.size(); i++) {
                SpeechCorpus.Example e = raw.examples().get(i);
                if (e.name().actor() != 2) {
                    continue;
                }
                for (int b : new int[] {0, 40, 127}) {
                    int k = b * FRAMES + 200;
                    assertEquals(-35 - a2Means[b], after.get(i)[k] - before.get(i)[k], 2e-3,
                            aug.describe() + ", example " + i + ", band " + b);
                }
            }
        }
        List<float[]> fresh = norm.scaledForEpoch(SpeechInput.seed(null), identity, 5, SpeechAugmentation.SEED.withFreshNoise(true));
        assertArrayEquals(norm.examples().get(3).melDb(), fresh.get(3), 1e-4f, "clean example as loaded (normalised)");
        assertFalse(java.util.Arrays.equals(norm.examples().get(4).melDb(), fresh.get(4)), "noisy copy redrawn");
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
