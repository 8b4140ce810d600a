package org.affect4j.audio.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.affect4j.audio.data.MelFeatureCache;
import org.affect4j.audio.features.MelConfig;
import org.affect4j.audio.features.MelFrontend;
import org.affect4j.audio.features.SpecAugment;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.features.SpeechWindow;
import org.affect4j.audio.net.SpeechNet;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.emodb.EmoDbFiles;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.core.train.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speech recipe end to end, actor-independent: RAVDESS speech WAVs under a folder are split by actor into
 * training and model-selection actors (test actors are simply not given); training clips get the seed's 2 AWGN
 * copies; the scaler is fitted on the training examples only; the network starts from PyTorch-style random
 * weights and is trained by {@link Trainer}. The best epoch (validation accuracy) is saved as a speech model
 * archive in the work directory ({@link Trainer#BEST}); the run resumes if interrupted.
 */
public final class SpeechTraining {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechTraining.class);

    /** How speaker normalisation is described in a model's recipe (and its resume identity). */
    public static final String SPEAKER_NORMALISATION = "per actor and mel band, to the training clips' band means"
            + " (training actors: all their clips; validation actors: the other repetition)";

    /**
     * What to train on, with which augmentations ({@link SpeechAugmentation#SEED} = the seed's recipe) and how the
     * input scaler is fitted ({@link ScalerFit#PER_FEATURE} = the seed's). Actor sets must not overlap.
     * {@code emoDbDir} (nullable; beyond the seed): a folder of Emo-DB WAVs whose clips with a RAVDESS emotion (boredom
     * left out) all join the training set as ten more speakers; validation stays on RAVDESS actors.
     */
    public record Plan(Path dataDir, Set<Integer> trainActors, Set<Integer> valActors, Path workDir, Path featureCache,
                       SpeechAugmentation augmentation, ScalerFit scalerFit, boolean speakerNormalised, MelConfig mel,
                       Path emoDbDir) {
        /** RAVDESS only. */
        public Plan(Path dataDir, Set<Integer> trainActors, Set<Integer> valActors, Path workDir, Path featureCache,
                    SpeechAugmentation augmentation, ScalerFit scalerFit, boolean speakerNormalised, MelConfig mel) {
            this(dataDir, trainActors, valActors, workDir, featureCache, augmentation, scalerFit, speakerNormalised, mel, null);
        }

        /** The seed's recipe. */
        public Plan(Path dataDir, Set<Integer> trainActors, Set<Integer> valActors, Path workDir, Path featureCache) {
            this(dataDir, trainActors, valActors, workDir, featureCache, SpeechAugmentation.SEED, ScalerFit.PER_FEATURE);
        }

        /** Without speaker normalisation (the seed's input). */
        public Plan(Path dataDir, Set<Integer> trainActors, Set<Integer> valActors, Path workDir, Path featureCache,
                    SpeechAugmentation augmentation, ScalerFit scalerFit) {
            this(dataDir, trainActors, valActors, workDir, featureCache, augmentation, scalerFit, false);
        }

        /** On the seed's mel front end. */
        public Plan(Path dataDir, Set<Integer> trainActors, Set<Integer> valActors, Path workDir, Path featureCache,
                    SpeechAugmentation augmentation, ScalerFit scalerFit, boolean speakerNormalised) {
            this(dataDir, trainActors, valActors, workDir, featureCache, augmentation, scalerFit, speakerNormalised, MelConfig.seed());
        }

        public Plan {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(augmentation, "augmentation");
            Objects.requireNonNull(scalerFit, "scalerFit");
            Objects.requireNonNull(mel, "mel");
            if (mel.name() == null) {
                throw new IllegalArgumentException("train on a named mel front end (seed, telephone-band), got " + mel);
            }
            trainActors = Set.copyOf(trainActors);
            valActors = Set.copyOf(valActors);
            if (trainActors.isEmpty() || valActors.isEmpty()) {
                throw new IllegalArgumentException("need training and validation actors");
            }
            if (emoDbDir != null && speakerNormalised) {
                throw new IllegalArgumentException("speaker normalisation uses RAVDESS's two repetitions per statement, which"
                        + " Emo-DB lacks: train with Emo-DB or with speaker normalisation, not both");
            }
            for (int a : trainActors) {
                if (valActors.contains(a)) {
                    throw new IllegalArgumentException("actor " + a + " is in both the training and the validation set");
                }
            }
        }
    }

    private SpeechTraining() {
    }

    /**
     * Runs the plan. {@code featureProgress} receives (clips done, clips in all) while features are computed.
     */
    public static Trainer.Result run(Plan plan, TrainerConfig config, TrainingListener listener,
                                     java.util.function.BiConsumer<Integer, Integer> featureProgress) {
        return run(plan, config, listener, featureProgress, null);
    }

    /** As {@link #run(Plan, TrainerConfig, TrainingListener, java.util.function.BiConsumer)} with a wall-time budget (null = none). */
    public static Trainer.Result run(Plan plan, TrainerConfig config, TrainingListener listener,
                                     java.util.function.BiConsumer<Integer, Integer> featureProgress, java.time.Duration budget) {
        List<Path> all = RavdessFiles.list(plan.dataDir(), ".wav");
        List<Path> train = all.stream().filter(p -> plan.trainActors().contains(RavdessFileName.parse(p).actor())).toList();
        // (Emo-DB clips, when asked for, are added to train below)
        List<Path> val = all.stream().filter(p -> plan.valActors().contains(RavdessFileName.parse(p).actor())).toList();
        if (train.isEmpty() || val.isEmpty()) {
            throw new IllegalArgumentException("no WAVs of the requested actors under " + plan.dataDir() + " (training "
                    + train.size() + ", validation " + val.size() + ")");
        }
        List<Path> extra = List.of();
        if (plan.emoDbDir() != null) {
            extra = EmoDbFiles.listWithRavdessEmotion(plan.emoDbDir());
            if (extra.isEmpty()) {
                throw new IllegalArgumentException("no Emo-DB WAV files (e.g. 03a01Fa.wav) under " + plan.emoDbDir());
            }
            train = java.util.stream.Stream.concat(train.stream(), extra.stream()).toList();
        }
        SpeechInput unscaled = SpeechInput.of(new MelFrontend(plan.mel()), null, SpeechWindow.SEED.withRate(plan.mel().sampleRate()));
        MelFeatureCache cache = plan.featureCache() == null ? null : new MelFeatureCache(plan.featureCache(), unscaled);
        LabelOrder order = LabelOrder.SEED_SPEECH;
        long t0 = System.nanoTime();
        int total = train.size() + val.size();
        SpeechAugmentation aug = plan.augmentation();
        List<Path> trainFiles = train;
        SpeechCorpus trainSet = SpeechCorpus.load(trainFiles, unscaled, order, 2, config.seed(), cache,
                n -> report(featureProgress, n, total), aug.redrawsEachEpoch());
        SpeechCorpus valSet = SpeechCorpus.load(val, unscaled, order, 0, config.seed(), cache,
                n -> report(featureProgress, trainFiles.size() + n, total));
        double[] target = null;
        if (plan.speakerNormalised()) {
            target = trainSet.cleanBandMeans();
            trainSet = trainSet.speakerNormalised(target, SpeechCorpus.SpeakerClips.ALL);
            valSet = valSet.speakerNormalised(target, SpeechCorpus.SpeakerClips.OTHER_REPETITION);
        }
        SklearnScaler scaler = trainSet.fitScaler(plan.scalerFit());
        LOG.info("features for {} clips ({} training examples) in {} s", total, trainSet.size(), (System.nanoTime() - t0) / 1e9);

        Map<String, Object> description = new LinkedHashMap<>();
        description.put("data", "RAVDESS speech (audio_speech_actors_01-24), CC BY-NC-SA 4.0"
                + (extra.isEmpty() ? "" : "; Emo-DB (Burkhardt et al. 2005), " + extra.size() + " clips of 10 speakers, boredom left out"));
        description.put("trainActors", plan.trainActors().stream().sorted().toList());
        description.put("validationActors", plan.valActors().stream().sorted().toList());
        description.put("trainClips", train.size());
        description.put("trainExamples", trainSet.size());
        description.put("validationClips", val.size());
        Map<String, Object> recipe = new LinkedHashMap<>(Map.of("optimizer", "Adam", "learningRate", config.learningRate(),
                "weightDecay", config.weightDecay(), "batchSize", config.batchSize(), "plateauFactor", config.plateauFactor(),
                "plateauPatience", config.plateauPatience(), "epochs", config.epochs(), "seed", config.seed(),
                "augmentation", aug.describe(), "scaler", plan.scalerFit().description()));
        if (plan.speakerNormalised()) {
            recipe.put("speakerNormalisation", SPEAKER_NORMALISATION);
        }
        if (!plan.mel().equals(MelConfig.seed())) {
            recipe.put("melFrontend", plan.mel().name());
        }
        if (!extra.isEmpty()) {
            recipe.put("extraTrainingCorpus", "emodb");
            description.put("extraTrainingClips", extra.size());
        }
        description.put("recipe", recipe);
        SpeechCorpus trainFinal = trainSet;
        SpeechTrainingTask task = new SpeechTrainingTask(SpeechNet.initialWeights(config.seed()), config.batchSize(),
                trainSet.scaled(scaler), trainSet.labels(), valSet.scaled(scaler), valSet.labels(), scaler, order, description,
                aug.specAugment(), aug.mixup(),
                aug.redrawsEachEpoch() ? seed -> trainFinal.scaledForEpoch(unscaled, scaler, seed, aug) : null)
                .calibrationTarget(target).melConfig(plan.mel()).window(unscaled.window());
        return new Trainer(config, plan.workDir(), listener, budget).fit(task);
    }

    private static void report(java.util.function.BiConsumer<Integer, Integer> p, int n, int total) {
        if (p != null) {
            p.accept(n, total);
        }
    }
}
