package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.affect4j.audio.features.MelConfig;
import org.affect4j.audio.features.SpecAugment;
import org.affect4j.audio.train.ScalerFit;
import org.affect4j.audio.train.SpeechAugmentation;
import org.affect4j.audio.train.SpeechTraining;
import org.affect4j.core.train.Mixup;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import picocli.CommandLine.Option;

/**
 * The speech network's training recipe, shared by {@code train} and {@code cv}: the seed's recipe by default, every
 * option beyond it off until asked for.
 */
final class TrainingOptions {

    @Option(names = "--data", required = true, paramLabel = "<dir>", description = "RAVDESS speech (Actor_NN folders of WAVs)")
    Path data;

    @Option(names = "--work", required = true, paramLabel = "<dir>",
            description = "work folder: best-model.zip, a resumable checkpoint after every epoch (rerun the command to resume)")
    Path work;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-4", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    int seed;

    @Option(names = "--feature-cache", paramLabel = "<dir>", description = "cache of computed mel features, reused across runs")
    Path featureCache;

    @Option(names = "--max-minutes", paramLabel = "M", description = "stop after M minutes (at an epoch's end); rerun to resume")
    Double maxMinutes;

    @Option(names = "--spec-augment", paramLabel = "none|standard|F,WF,T,WT", description = "SpecAugment masking (beyond the seed; default none)")
    String specAugment;

    @Option(names = "--noise", paramLabel = "fixed|fresh", description = "fresh: the AWGN copies redrawn every epoch (beyond the seed; default fixed)")
    String noise;

    @Option(names = "--time-shift", paramLabel = "S", defaultValue = "0",
            description = "window start moved by up to +-S seconds per clip and epoch, 0..0.5 (beyond the seed; default 0)")
    double timeShift;

    @Option(names = "--speed-perturb", paramLabel = "S", defaultValue = "0",
            description = "each clip played 1 +- S times as fast, per clip and epoch, 0..0.3 (beyond the seed; default 0)")
    double speedPerturb;

    @Option(names = "--normalise", paramLabel = "per-feature|per-bin",
            description = "input scaler: the seed's per (bin, frame), or pooled per mel bin (default per-feature)")
    String normalise;

    @Option(names = "--mixup", paramLabel = "ALPHA", defaultValue = "0",
            description = "mixup of training batches, lambda ~ Beta(ALPHA, ALPHA) (beyond the seed; default 0 = off)")
    double mixup;

    @Option(names = "--speaker-norm", paramLabel = "none|band-mean",
            description = "band-mean: each actor's mel bands moved to the training clips' band means; the model then expects speaker"
                    + " calibration (beyond the seed; default none)")
    String speakerNorm;

    @Option(names = "--front-end", paramLabel = "seed|telephone-band",
            description = "mel front end: the seed's 0-24 kHz, or 300-3400 Hz so that 48/22/16 kHz and telephone audio give the same"
                    + " features (beyond the seed; default seed)")
    String frontEnd;

    @Option(names = "--telephone-aug", paramLabel = "P", defaultValue = "0",
            description = "each clip put through the telephone channel with probability P per epoch (default 0)")
    double telephoneAug;

    @Option(names = "--cut-aug", paramLabel = "P", defaultValue = "0",
            description = "the window cut to 1 s..3 s, rest zero, with probability P per clip and epoch (default 0)")
    double cutAug;

    @Option(names = "--extra-emodb", paramLabel = "<dir>",
            description = "every Emo-DB clip under <dir> with a RAVDESS emotion joins the training set (ten more speakers; validation"
                    + " stays on RAVDESS actors; beyond the seed)")
    Path extraEmoDb;

    TrainerConfig trainerConfig() {
        return TrainerConfig.seedRecipe(epochs).withBatchSize(batch).withLearningRate(lr).withSeed(seed);
    }

    /** The augmentations the options ask for; none of them = the seed's recipe. */
    SpeechAugmentation augmentation() {
        SpeechAugmentation base = SpeechAugmentation.SEED.withSpecAugment(specAugment()).withFreshNoise(
                CliSupport.choice("--noise", noise, "fixed", Map.of("fixed", false, "fresh", true)));
        SpeechAugmentation shifted = valid("--time-shift", () -> base.withTimeShift(timeShift));
        SpeechAugmentation sped = valid("--speed-perturb", () -> shifted.withSpeedPerturbation(speedPerturb));
        Mixup m = valid("--mixup", () -> new Mixup(mixup));
        SpeechAugmentation telephone = valid("--telephone-aug", () -> sped.withTelephone(telephoneAug));
        return valid("--cut-aug", () -> telephone.withCut(cutAug)).withMixup(m);
    }

    /** {@code make.get()}; an IllegalArgumentException (a value out of range) becomes a usage error naming {@code option}. */
    private static <T> T valid(String option, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new Affect4jCli.UsageException(option + ": " + e.getMessage());
        }
    }

    /** --spec-augment none (default, the seed) | standard | F,WF,T,WT (masks and widest width per axis). */
    SpecAugment specAugment() {
        String v = specAugment == null ? "none" : specAugment;
        if (v.equals("none")) {
            return SpecAugment.NONE;
        }
        if (v.equals("standard")) {
            return SpecAugment.standard();
        }
        String[] f = v.split(",");
        try {
            if (f.length == 4) {
                return new SpecAugment(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
                        Integer.parseInt(f[2].trim()), Integer.parseInt(f[3].trim()));
            }
        } catch (IllegalArgumentException e) {
            throw new Affect4jCli.UsageException("--spec-augment: " + e.getMessage());
        }
        throw new Affect4jCli.UsageException("--spec-augment must be none, standard or F,WF,T,WT (e.g. 2,15,2,50), got '" + v + "'");
    }

    /** --normalise per-feature (default, the seed's StandardScaler) | per-bin (one mean/deviation per mel bin). */
    ScalerFit scalerFit() {
        return CliSupport.choice("--normalise", normalise, "per-feature", Map.of("per-feature", ScalerFit.PER_FEATURE,
                "per-bin", ScalerFit.PER_MEL_BIN));
    }

    /** --speaker-norm none (default, the seed's input) | band-mean (speaker normalisation of the training input). */
    boolean speakerNorm() {
        return CliSupport.choice("--speaker-norm", speakerNorm, "none", Map.of("none", false, "band-mean", true));
    }

    /** --front-end seed (default, the seed's 0-24 kHz mel) | telephone-band (300-3400 Hz). */
    MelConfig frontEnd() {
        return CliSupport.choice("--front-end", frontEnd, "seed", Map.of("seed", MelConfig.seed(), "telephone-band", MelConfig.telephoneBand()));
    }

    /** Trains the speech network on the given actors into {@code work}, reporting on {@code out} / {@code err}. */
    Trainer.Result trainSpeech(PrintStream out, PrintStream err, Path workDir, Set<Integer> trainActors, Set<Integer> valActors,
                               String prefix) {
        Progress features = new Progress(err, "clips");
        SpeechTraining.Plan plan = new SpeechTraining.Plan(data, trainActors, valActors, workDir, featureCache, augmentation(),
                scalerFit(), speakerNorm(), frontEnd(), extraEmoDb);
        ConsoleTrainingListener listener = new ConsoleTrainingListener(out, err, prefix);
        Duration budget = maxMinutes != null ? Duration.ofSeconds(Math.round(60 * maxMinutes)) : null;
        Trainer.Result r = SpeechTraining.run(plan, trainerConfig(), listener, (n, total) -> {
            features.update(n, total);
            if (n.equals(total)) {
                features.done();
            }
        }, budget);
        out.printf(Locale.ROOT, "%sbest epoch %d, validation accuracy %.4f -> %s%n", prefix, r.bestEpoch() + 1, r.bestValAccuracy(), r.bestModel());
        if (!r.complete()) {
            out.println(prefix + "stopped by --max-minutes after " + r.history().size() + " epochs; run the same command again to resume");
        }
        return r;
    }

    /**
     * Folds of one cross-validation must share the recipe: the first run records it in {@code cv-run.json}; a later
     * run with another learning rate, batch, seed or augmentation is refused (the epoch budget may differ).
     */
    void requireSameCvRun() throws IOException {
        TrainerConfig c = trainerConfig();
        Map<String, String> now = new TreeMap<>();
        now.put("learningRate", String.valueOf(c.learningRate()));
        now.put("batchSize", String.valueOf(c.batchSize()));
        now.put("seed", String.valueOf(c.seed()));
        now.put("augmentation", augmentation().describe());
        now.put("scaler", scalerFit().description());
        if (speakerNorm()) {
            now.put("speakerNormalisation", SpeechTraining.SPEAKER_NORMALISATION);
        }
        Path f = work.resolve("cv-run.json");
        org.nd4j.shade.jackson.databind.ObjectMapper json = new org.nd4j.shade.jackson.databind.ObjectMapper();
        if (Files.exists(f)) {
            Map<?, ?> was = json.readValue(f.toFile(), Map.class);
            List<String> diffs = new ArrayList<>();
            now.forEach((k, v) -> {
                if (!v.equals(String.valueOf(was.get(k)))) {
                    diffs.add(k + " '" + was.get(k) + "' there, '" + v + "' now");
                }
            });
            was.keySet().stream().map(String::valueOf).filter(k -> !now.containsKey(k)).sorted()
                    .forEach(k -> diffs.add(k + " '" + was.get(k) + "' there, none now"));
            if (!diffs.isEmpty()) {
                throw new IllegalArgumentException(work + " holds a cross-validation with another recipe (" + String.join(", ", diffs)
                        + "): use the same options or another --work directory");
            }
        } else {
            Files.createDirectories(work);
            json.writerWithDefaultPrettyPrinter().writeValue(f.toFile(), now);
        }
    }
}
