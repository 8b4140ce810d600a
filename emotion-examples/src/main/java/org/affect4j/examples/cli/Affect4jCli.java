package org.affect4j.examples.cli;

import org.affect4j.fusion.LateFusion;
import org.affect4j.vision.FaceExpressionVideoModel;
import org.affect4j.vision.FaceResult;
import org.affect4j.vision.expression.FaceModel;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.core.Clip;
import org.affect4j.fusion.FusedFace;
import org.affect4j.fusion.MultimodalResult;
import org.affect4j.fusion.timeline.CsvTimelineWriter;
import org.affect4j.fusion.timeline.JsonlTimelineWriter;
import org.affect4j.fusion.timeline.TimelineRow;
import org.affect4j.fusion.timeline.TimelineSink;
import org.affect4j.SpeechDetector;
import org.affect4j.SpeechEvaluation;
import org.affect4j.core.emodb.EmoDbFileName;
import org.affect4j.core.emodb.EmoDbFiles;
import org.affect4j.core.eval.LabelledFile;
import org.affect4j.core.Affect4jException;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;
import org.affect4j.core.ravdess.RavdessFiles;

/**
 * Command line: {@code predict <wav>} and {@code eval --data <dir>}. Run without arguments for help.
 * Exit codes: 0 ok, 1 bad input or model error, 2 usage error.
 */
public final class Affect4jCli {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: affect4j <command> [options]",
            "  speech model options: none = the bundled default (the utterance model: any rate, telephone audio; issue 22);",
            "        --bundled utterance|seed-recipe|speaker-normalised|robust (speaker-normalised needs",
            "        speaker calibration: --calibrate); --model <affect4j.zip> (from `train`); or the seed's",
            "        --checkpoint <model.pt> --scaler <scaler.pkl>;",
            "        --windows S1,S2,...   (average the logits of windows (3 s for the seed's network, 6 s for the utterance",
            "        model) starting at each S seconds; beyond the seed, which analyses one window from 0.5 s)",
            "        --window-placement fixed|auto|speech-active   (where the window is cut: fixed at the model's offset",
            "        (default of the seed's network); auto (default of the utterance model) keeps that window unless it misses",
            "        over 10 % of the clip's speech, then takes the most speech-active window; speech-active always that one)",
            "  predict <file>... [speech model options] [--face-model face-api-expression|human-emotion] [--crop aligned|box]",
            "          [--fusion-weights FACE,SPEECH]   (video with the bundled models; defaults face-api-expression, aligned, 1,1)",
            "          [--checkpoint <modelParams.pkl> --scaler <scaler.pkl> [--face-detector <haar.xml>] [--emonet-stride K]]",
            "          [--landmarks <openface.csv>]",
            "          [--calibrate <dir>]   (WAVs only: speaker calibration from every WAV in <dir>, unlabelled clips of",
            "          the same speaker; beyond the seed)",
            "        a .wav uses the speech model; any other file is read as video with sound: without --checkpoint the",
            "        bundled speech and face models, late-fused per face; with --checkpoint the seed's multimodal model",
            "        (faces from the bundled detector and landmark net unless --face-detector or --landmarks); one fused",
            "        prediction per face, falling back to the modality present when speech or faces are missing",
            "  predict <wav or video> --action-units <openface.csv> [--au-model <au-fusion.zip>]",
            "        the trained action-unit fusion (bundled, or from cv-au): the clip's speech (the speaker-normalised bundled",
            "        model, uncalibrated) and the mean of its OpenFace action units (0 s to the speech window's end), fused",
            "        by one trained linear layer; falls back to the modality present",
            "  timeline <file> --out <x.csv|x.jsonl> [--window S<=3] [--hop S] [the video options of predict]",
            "        one row per 3 s window (and face) of a long recording, streamed to CSV or JSON Lines",
            "  eval --data <dir> [--actors 21-24] [speech model options] [--out <logits.csv>] [--batch N]",
            "          [--report-dir <dir>]   (writes report.json and confusion.png)",
            "          [--stamp-test <out.zip>]   (with --model: a copy of the model recording this held-out test result)",
            "          [--calibrate per-actor]   (speaker calibration: each clip predicted after calibrating on the other",
            "          repetition of its actor's clips, no labels used; beyond the seed)",
            "          [--calibration-clips K] [--seed S]   (with --calibrate: K of those clips, default all, drawn with seed S, default 1)",
            "          [--corpus ravdess|emodb]   (emodb: the Berlin Emo-DB's WAVs, speaker numbers for --actors; boredom,",
            "          which RAVDESS lacks, left out; calm or surprised answers count as errors)",
            "        accuracy, per-class, per-actor and per-intensity accuracy and the confusion matrix over every",
            "        RAVDESS speech WAV under <dir> (labels from the file names)",
            "  train --data <dir> --work <dir> [--train-actors 5-20] [--val-actors 21-24] [--epochs N] [--lr X]",
            "          [--batch N] [--seed N] [--feature-cache <dir>] [--max-minutes M]",
            "          [--spec-augment none|standard|F,WF,T,WT]   (masking beyond the seed's recipe; default none)",
            "          [--noise fixed|fresh]   (fresh: the AWGN copies redrawn every epoch, beyond the seed; default fixed)",
            "          [--time-shift S]   (window start moved by up to +-S seconds per clip and epoch, 0..0.5; beyond the seed; default 0)",
            "          [--speed-perturb S]   (each clip played 1 +- S times as fast, per clip and epoch, 0..0.3; beyond the seed; default 0)",
            "          [--normalise per-feature|per-bin]   (input scaler: the seed's per (bin, frame), or pooled per mel bin; default per-feature)",
            "          [--mixup ALPHA]   (mixup of training batches, lambda ~ Beta(ALPHA, ALPHA); beyond the seed; default 0 = off)",
            "          [--speaker-norm none|band-mean]   (band-mean: each actor's mel bands moved to the training clips' band means,",
            "          validation actors calibrated on their other repetition; the model then expects speaker calibration;",
            "          beyond the seed; default none)",
            "          [--front-end seed|telephone-band]   (mel front end: the seed's 0-24 kHz, or 300-3400 Hz so that 48/22/16 kHz",
            "          and telephone audio give the same features; beyond the seed; default seed)",
            "          [--telephone-aug P]   (each clip put through the telephone channel with probability P per epoch; default 0)",
            "          [--cut-aug P]   (the window cut to 1 s..3 s, rest zero, with probability P per clip and epoch; default 0)",
            "          [--extra-emodb <dir>]   (every Emo-DB clip under <dir> with a RAVDESS emotion joins the training set:",
            "          ten more speakers, German, 16 kHz recordings; validation stays on RAVDESS actors; beyond the seed)",
            "        trains the speech network from scratch with the seed's recipe on the given actors (actor-independent),",
            "        saving <work>/best-model.zip (load it with --model) and a resumable checkpoint after every epoch;",
            "        run the same command again to resume",
            "  export --out <model.pt> [--model <affect4j.zip> | --bundled seed-recipe|speaker-normalised|robust]   (default:",
            "        seed-recipe; the utterance model has no PyTorch counterpart)",
            "        writes the network weights as a PyTorch state dict (torch.load, then load_state_dict into the seed's",
            "        module); a speech model's input scaler goes beside it as <model>.scaler.npz (arrays mean, scale; and",
            "        calibration_target for a speaker-normalised model)",
            "  ensemble <logits1.csv> <logits2.csv>... [--out <ensemble.csv>] [--report-dir <dir>]",
            "        averages the class probabilities of models evaluated on the same files (CSVs from `eval --out`)",
            "        and reports the ensemble's accuracy like eval; beyond the seed",
            "  degrade --data <dir> --out <dir> --condition 16k[,22k,telephone,gain-20db,peak-0dbfs,cut-1.5s,cut-2s,original]",
            "        a degraded copy of every WAV under <dir> in <out>/<condition>/ (16-bit PCM), to measure the models on",
            "        audio like users' (resampled, telephone band 8 kHz 300-3400 Hz, quieter, peak-normalised, cut short)",
            "  train-face --data <fer2013 dir> --work <dir> [--epochs 30] [--batch 64] [--lr 1e-3] [--weight-decay 1e-4] [--seed 42]",
            "          [--augment standard|none] [--dropout on|off] [--max-minutes M] [--max-images K]",
            "        the library's own face-expression CNN (48x48 grey) on FER2013's train/ split, selected on validation/",
            "        (augmented copies x.jpgN.jpg left out); resumable; --max-images K: the first K images of each split",
            "  eval-face --model <face.zip> --data <dir> [--layout fer2013|ck48] [--split test] [--report-dir <dir>]",
            "        accuracy, per-class recall, macro-F1 and the confusion matrix on FER2013's test/ split or CK+48",
            "  train-utterance --data <ravdess dir> --out <model.zip> [--test-actors 1-4] [--epochs 100] [--members 5]",
            "          [--augment telephone,cut-2s|none] [--extra-emodb <emodb wav dir> [--emodb-test-speakers 3,8]]",
            "        the utterance model (statistics of the telephone band over the whole utterance, an ensemble of small",
            "        MLPs; beyond the seed; the bundled default) on every RAVDESS actor but the held-out ones",
            "  cv-utterance --data <ravdess dir> --work <dir> [--folds 0-5] [--conditions original,16k,telephone,cut-2s] [...]",
            "        its six-fold actor-independent cross-validation on original and degraded clips; per-fold reports are",
            "        saved as they finish, a rerun resumes; writes cv-utterance-report.md; --extra-emodb <dir>: Emo-DB joins",
            "        training, one pair of its speakers held out per fold and scored",
            "  cv-au --au <au_mfcc.pkl> --speech-logits <dir> --work <dir> [--folds 0-5] [--speech-model speaker-normalised]",
            "          [--export <au-fusion.zip>] [--branch-epochs 100] [--fusion-epochs 60]",
            "        the action-unit face branch and its trained fusion with speech over the actor-independent folds:",
            "        <dir>/fold-K.csv holds fold K's speech model's logits (`eval --out`) for its validation and test actors;",
            "        writes per-fold reports and cv-au-report.md (speech, action units, fused, late fusion); --export writes",
            "        fold 0's model (test actors 01-04) with the bundled speech model's sha256",
            "  cv --data <dir> --work <dir> [--folds 0-5] [--epochs N] [--lr X] [--feature-cache <dir>] [--max-minutes M] [--spec-augment ...] [--noise ...] [--time-shift S] [--speed-perturb S] [--mixup A] [--normalise ...] [--speaker-norm ...] [--front-end ...] [--telephone-aug P] [--cut-aug P] [--extra-emodb <dir>]",
            "        actor-independent cross-validation: fold k trains on 16 actors, selects on the previous fold's 4 and",
            "        tests on actors 4k+1..4k+4; per-fold reports are saved as they finish, a rerun resumes");

    /** First line of a speaker-normalised model's test report. */
    static final String CALIBRATED_NOTE = "speaker-calibrated: each clip after calibrating on the other repetition of its actor's clips";

    /** Options that choose and configure the speech model. */
    private static final List<String> SPEECH_MODEL_OPTIONS = List.of("model", "bundled", "checkpoint", "scaler", "windows", "batch",
            "window-placement");
    /** Options of {@code train} and {@code cv}. */
    private static final List<String> TRAINING_OPTIONS = List.of("data", "work", "epochs", "batch", "lr", "seed", "feature-cache",
            "max-minutes", "spec-augment", "noise", "time-shift", "speed-perturb", "mixup", "normalise", "speaker-norm", "front-end",
            "telephone-aug", "cut-aug", "extra-emodb");
    /** Every command's options: anything else (a typo) is a usage error, never silently ignored. */
    private static final Map<String, java.util.Set<String>> OPTIONS = Map.ofEntries(
            Map.entry("predict", options(SPEECH_MODEL_OPTIONS, "face-detector", "landmarks", "emonet-stride", "calibrate", "face-model", "crop",
                    "fusion-weights", "action-units", "au-model")),
            Map.entry("eval", options(SPEECH_MODEL_OPTIONS, "data", "corpus", "actors", "out", "report-dir", "stamp-test", "calibrate",
                    "calibration-clips", "seed")),
            Map.entry("timeline", options(SPEECH_MODEL_OPTIONS, "out", "hop", "window", "face-detector", "emonet-stride", "face-model", "crop",
                    "fusion-weights")),
            Map.entry("train", options(TRAINING_OPTIONS, "train-actors", "val-actors")),
            Map.entry("cv", options(TRAINING_OPTIONS, "folds")),
            Map.entry("export", options(List.of("model", "bundled", "out"))),
            Map.entry("ensemble", options(List.of("out", "report-dir"))),
            Map.entry("degrade", options(List.of("data", "out", "condition"))),
            Map.entry("train-face", options(List.of("data", "work", "epochs", "batch", "lr", "weight-decay", "seed", "augment", "dropout",
                    "max-minutes", "max-images"))),
            Map.entry("eval-face", options(List.of("model", "data", "layout", "split", "report-dir"))),
            Map.entry("train-utterance", options(List.of("data", "out", "test-actors", "epochs", "members", "augment", "extra-emodb",
                    "emodb-test-speakers"))),
            Map.entry("cv-utterance", options(List.of("data", "work", "folds", "conditions", "epochs", "members", "augment",
                    "extra-emodb"))),
            Map.entry("cv-au", options(List.of("au", "speech-logits", "speech-model", "work", "folds", "export", "branch-epochs", "fusion-epochs"))));

    private static java.util.Set<String> options(List<String> common, String... more) {
        java.util.Set<String> all = new java.util.TreeSet<>(common);
        all.addAll(List.of(more));
        return java.util.Collections.unmodifiableSet(all);
    }

    private final PrintStream out;
    private final PrintStream err;

    Affect4jCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        // DL4J M2.1 prints a line per op on System.out while differentiating a training graph; the CLI's own output
        // keeps the real standard output
        System.setOut(new PrintStream(new DroppingLineStream(stdout, "Added differentiated op "), true));
        System.exit(new Affect4jCli(stdout, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            out.println(USAGE);
            return 2;
        }
        if (args[0].equals("help") || List.of(args).contains("-h") || List.of(args).contains("--help")) {
            out.println(USAGE);   // `affect4j help`, `affect4j --help`, `affect4j eval --help`: asked for, so exit 0
            return 0;
        }
        try {
            Args a = Args.parse(args, 1);
            java.util.Set<String> known = OPTIONS.get(args[0]);
            if (known != null) {
                for (String option : a.options.keySet()) {
                    if (!known.contains(option)) {
                        throw new UsageException("unknown option --" + option + " for '" + args[0] + "' (its options: --"
                                + String.join(", --", known) + ")");
                    }
                }
            }
            return switch (args[0]) {
                case "predict" -> predict(a);
                case "eval" -> eval(a);
                case "timeline" -> timeline(a);
                case "train" -> train(a);
                case "cv" -> cv(a);
                case "export" -> export(a);
                case "ensemble" -> ensemble(a);
                case "cv-au" -> new ActionUnitFusionCommand(out, err).run(a);
                case "degrade" -> new DegradeCommand(out).run(a);
                case "train-face" -> new FaceCommand(out, err).train(a);
                case "eval-face" -> new FaceCommand(out, err).eval(a);
                case "train-utterance" -> new UtteranceCommand(out).train(a);
                case "cv-utterance" -> new UtteranceCommand(out).cv(a);
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (Affect4jException | IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println("error: " + problem);
        err.println(USAGE);
        return 2;
    }

    /**
     * The speech model: {@code --model <affect4j.zip>}, or {@code --checkpoint <seed.pt> --scaler <scaler.pkl>}, or —
     * with neither — the model bundled with the library.
     */
    private SpeechDetector speechDetector(Args a) {
        SpeechDetector.Builder b = EmotionDetector.speech().maxBatch(a.intOption("batch", 32));
        if (a.options.containsKey("windows")) {
            b.windowOffsets(windowOffsets(a.options.get("windows")));
        }
        if (a.options.containsKey("window-placement")) {
            b.windowPlacement(a.choice("window-placement", "fixed", Map.of("auto", org.affect4j.audio.features.WindowPlacement.AUTO,
                    "fixed", org.affect4j.audio.features.WindowPlacement.FIXED,
                    "speech-active", org.affect4j.audio.features.WindowPlacement.SPEECH_ACTIVE)));
        }
        boolean seed = a.options.containsKey("checkpoint") || a.options.containsKey("scaler");
        int given = (seed ? 1 : 0) + (a.options.containsKey("model") ? 1 : 0) + (a.options.containsKey("bundled") ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give one of --model, --bundled or --checkpoint/--scaler");
        }
        if (seed) {
            return b.load(a.path("checkpoint"), a.path("scaler"));
        }
        if (a.options.containsKey("bundled")) {
            return b.load(bundledModel(a.options.get("bundled")));
        }
        return a.options.containsKey("model") ? b.load(a.path("model")) : b.load();
    }

    /** Which speech model {@link #speechDetector} loaded, and its window(s), for the output. */
    static String speechModelLine(Args a, SpeechDetector d) {
        String which = a.options.containsKey("checkpoint") ? "the seed's checkpoint " + a.options.get("checkpoint")
                : a.options.containsKey("model") ? "model " + a.options.get("model")
                : "bundled " + a.options.getOrDefault("bundled", org.affect4j.audio.BundledSpeechModel.DEFAULT.id());
        double len = d.model().input().windowSeconds();
        StringBuilder w = new StringBuilder();
        for (double o : d.model().windowOffsets()) {
            w.append(w.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f-%.1f s", o, o + len));
        }
        double[] offsets = d.model().windowOffsets();
        return "model: " + which + "; window" + (offsets.length > 1 ? "s " : " ") + w + (offsets.length > 1 ? " (logits averaged)" : "")
                + (d.calibration().isPresent() ? "; speaker-calibrated" : "");
    }

    /** {@code --bundled <id>} → the bundled model; an unknown id is a usage error naming the bundled ones. */
    private static org.affect4j.audio.BundledSpeechModel bundledModel(String id) {
        try {
            return org.affect4j.audio.BundledSpeechModel.byId(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--bundled: " + e.getMessage());
        }
    }

    /** {@code --windows 0.3,0.5,0.7} → the window starts in seconds. */
    static double[] windowOffsets(String list) {
        String[] parts = list.split(",", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--windows takes seconds separated by commas (e.g. 0.3,0.5,0.7), got '" + list + "'");
            }
        }
        return out;
    }

    static boolean isWav(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav");
    }

    /**
     * Without --checkpoint: the bundled speech and face models with late fusion (--face-model, --crop,
     * --fusion-weights FACE,SPEECH). With --checkpoint/--scaler: the seed's multimodal model (faces from the bundled
     * detector and landmark net, or --face-detector haar.xml, or --landmarks).
     */
    private MultimodalDetector multimodalDetector(Args a) {
        MultimodalDetector.Builder b = EmotionDetector.multimodal();
        if (!a.options.containsKey("checkpoint")) {
            for (String seedOnly : List.of("scaler", "face-detector", "emonet-stride", "model", "bundled", "windows")) {
                if (a.options.containsKey(seedOnly)) {
                    throw new UsageException("--" + seedOnly + " applies to the seed's multimodal model (--checkpoint modelParams.pkl"
                            + " --scaler ...) or to WAV files; video without --checkpoint uses the bundled models");
                }
            }
            b.faceModel(a.choice("face-model", "face-api-expression", Map.of("face-api-expression", FaceModel.FACE_API_EXPRESSION,
                    "human-emotion", FaceModel.HUMAN_EMOTION)));
            b.cropStyle(a.choice("crop", "aligned", Map.of("aligned", FaceExpressionVideoModel.CropStyle.ALIGNED,
                    "box", FaceExpressionVideoModel.CropStyle.BOX)));
            if (a.options.containsKey("fusion-weights")) {
                double[] w = windowOffsets(a.options.get("fusion-weights"));
                if (w.length != 2) {
                    throw new UsageException("--fusion-weights takes FACE,SPEECH (e.g. 1,1), got '" + a.options.get("fusion-weights") + "'");
                }
                try {
                    b.lateFusion(new LateFusion(w[0], w[1]));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--fusion-weights: " + e.getMessage());
                }
            }
            return b.load();
        }
        for (String bundledOnly : List.of("face-model", "crop", "fusion-weights")) {
            if (a.options.containsKey(bundledOnly)) {
                throw new UsageException("--" + bundledOnly + " applies to the bundled models (video without --checkpoint)");
            }
        }
        b.emonetStride(a.intOption("emonet-stride", 1));
        if (a.options.containsKey("face-detector")) {
            b.faceDetector(a.path("face-detector"));
        }
        return b.load(a.path("checkpoint"), a.path("scaler"));
    }

    private int predict(Args a) throws IOException {
        if (a.positional.isEmpty()) {
            throw new UsageException("predict needs at least one file");
        }
        if (a.options.containsKey("action-units") || a.options.containsKey("au-model")) {
            return predictActionUnits(a);
        }
        List<Path> wavs = a.positional.stream().map(Path::of).filter(Affect4jCli::isWav).toList();
        List<Path> videos = a.positional.stream().map(Path::of).filter(p -> !isWav(p)).toList();
        if (!wavs.isEmpty() && !videos.isEmpty()) {
            throw new UsageException("give either WAV files (speech model) or video files (multimodal model), not both");
        }
        if (!videos.isEmpty() && a.options.containsKey("calibrate")) {
            throw new UsageException("--calibrate applies to WAV files (the speech model)");
        }
        if (!wavs.isEmpty()) {
            try (SpeechDetector loaded = speechDetector(a)) {
                SpeechDetector d = loaded;
                if (!a.options.containsKey("calibrate") && loaded.model().input().speakerNormalised()) {
                    err.println("note: this model was trained on speaker-normalised input; add --calibrate <dir of the speaker's WAVs>"
                            + " for the accuracy it was selected with");
                }
                if (a.options.containsKey("calibrate")) {
                    requireCalibratable(loaded);
                    List<Path> speaker = calibrationClips(a.path("calibrate"));
                    d = loaded.forSpeaker(speaker.stream().map(Clip::of).toList());
                    out.println("speaker calibration from " + speaker.size() + " clips in " + a.path("calibrate") + ": " + d.calibration().orElseThrow());
                }
                out.println(speechModelLine(a, d));
                for (Path file : wavs) {
                    long t0 = System.nanoTime();
                    Prediction p = d.predict(file);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    out.println(file);
                    org.affect4j.core.Span span = p.span().orElseThrow();
                    double[] starts = d.model().windowOffsets();
                    double scoredTo = (starts.length > 1 ? starts[starts.length - 1] : span.startSeconds()) + d.model().input().windowSeconds();
                    out.printf(Locale.ROOT, "  scored %s%s%n", span, d.model().input().placement() == org.affect4j.audio.features.WindowPlacement.FIXED
                            || span.startSeconds() == d.model().input().offsetSeconds() ? ""
                            : String.format(Locale.ROOT, " (the most speech-active %.0f s)", d.model().input().windowSeconds()));
                    if (span.mediaSeconds() > span.endSeconds() + 1.0 || span.startSeconds() > 1.0) {
                        out.printf(Locale.ROOT, "  note: the file is %.1f s long; predict scored only %.1f s of it. Use 'timeline' for the"
                                + " whole file.%n", span.mediaSeconds(), span.seconds());
                    } else if (span.mediaSeconds() < scoredTo && !d.model().input().utterance()) {
                        out.printf(Locale.ROOT, "  note: the file is %.2f s long; the window is zero-padded after its end%n", span.mediaSeconds());
                    }
                    int rate = org.affect4j.audio.io.WavDecoder.header(file).sampleRate();
                    if (rate < 44_100 && d.model().input().frontend().config().equals(org.affect4j.audio.features.MelConfig.seed())) {
                        out.printf(Locale.ROOT, "  note: the file is %d Hz audio; this model was trained on 48 kHz audio and scores near"
                                + " chance on resampled or telephone audio (docs/robustness.md): the default model (no --bundled) is"
                                + " made for it%n", rate);
                    }
                    printProbabilities(p);
                    out.printf(Locale.ROOT, "prediction: %s (%.3f), %.1f ms%n", p.emotion().label(), p.confidence(), ms);
                }
            }
            return 0;
        }
        try (MultimodalDetector d = multimodalDetector(a)) {
            for (Path file : videos) {
                long t0 = System.nanoTime();
                MultimodalResult r = a.options.containsKey("landmarks") ? d.predict(Clip.of(file), a.path("landmarks")) : d.predict(Clip.of(file));
                double ms = (System.nanoTime() - t0) / 1e6;
                out.println(file);
                out.printf(Locale.ROOT, "  models: %s%n", modelsLine(d));
                out.printf(Locale.ROOT, "  window %.1f-%.1f s, %.2f s real; speech: %s%n", r.start(), r.end(), r.realSeconds(),
                        r.speech() != null ? r.speech().emotion().label() + String.format(Locale.ROOT, " (%.3f)", r.speech().confidence()) : r.speechProblem());
                if (r.faces().isEmpty()) {
                    out.println("  no face found: speech-only prediction");
                    printProbabilities(r.speech());
                }
                for (FusedFace f : r.faces()) {
                    Prediction p = f.fused();
                    FaceResult v = f.video();
                    if (v.frames().isEmpty()) { // EmoNet-LSTM: 90 steps, with valence and arousal
                        out.printf(Locale.ROOT, "  face %d at %s in %d/90 steps; video: %s (%.3f); valence %.3f arousal %.3f%n", v.trackId(),
                                v.box(), v.framesWithFace(), v.prediction().emotion().label(), v.prediction().confidence(),
                                p.valence().orElse(Double.NaN), p.arousal().orElse(Double.NaN));
                    } else {
                        out.printf(Locale.ROOT, "  face %d at %s in %d of %d frames; face model: %s (%.3f)%n", v.trackId(), box(v.box()),
                                v.framesWithFace(), v.framesWithFace() + v.framesNoFace(), v.prediction().emotion().label(), v.prediction().confidence());
                    }
                    out.println("  fused (" + p.modalities() + "):");
                    printProbabilities(p);
                }
                if (r.coversLessThanMedia()) {
                    out.printf(Locale.ROOT, "  note: the file is %.1f s long; predict analyses only %.1f-%.1f s (the seed's window)."
                            + " Use 'timeline' for the whole file.%n", r.mediaSeconds(), r.start(), r.end());
                }
                out.printf(Locale.ROOT, "%.0f ms%n", ms);
            }
        }
        return 0;
    }

    /** {@code predict <wav or video> --action-units <openface.csv> [--au-model <zip>]}: the trained action-unit fusion. */
    private int predictActionUnits(Affect4jCli.Args a) {
        if (a.positional.size() != 1 || !a.options.containsKey("action-units")) {
            throw new UsageException("--action-units takes one media file (WAV or video with sound) and its OpenFace CSV: "
                    + "predict <file> --action-units <openface.csv> [--au-model <au-fusion.zip>]");
        }
        for (String o : List.of("landmarks", "checkpoint", "scaler", "model", "bundled", "calibrate", "face-model", "crop", "fusion-weights",
                "windows", "face-detector", "emonet-stride")) {
            if (a.options.containsKey(o)) {
                throw new UsageException("--" + o + " does not apply with --action-units (the fusion names its own speech model)");
            }
        }
        Path file = Path.of(a.positional.get(0));
        MultimodalDetector.Builder b = EmotionDetector.multimodal();
        b = a.options.containsKey("au-model") ? b.actionUnits(a.path("au-model")) : b.actionUnits();
        try (MultimodalDetector d = b.load()) {
            long t0 = System.nanoTime();
            MultimodalResult r = d.predict(Clip.of(file), a.path("action-units"));
            double ms = (System.nanoTime() - t0) / 1e6;
            org.affect4j.fusion.ActionUnitMultimodalModel m = d.actionUnitModel().orElseThrow();
            out.println(file);
            out.printf(Locale.ROOT, "  models: %s; speech model %s (uncalibrated), window %.1f-%.1f s; action units %s%n",
                    m.fusion().describe(), m.fusion().speechModel(), m.speechModel().windowOffsets()[0], m.spanEnd(), m.fusion().branch());
            out.printf(Locale.ROOT, "  speech: %s%n", r.speech() != null
                    ? r.speech().emotion().label() + String.format(Locale.ROOT, " (%.3f)", r.speech().confidence()) : r.speechProblem());
            if (r.faces().isEmpty()) {
                out.println("  no tracked face frame in 0-" + m.spanEnd() + " s of the CSV: speech-only prediction");
                printProbabilities(r.speech());
            }
            for (FusedFace f : r.faces()) {
                FaceResult v = f.video();
                out.printf(Locale.ROOT, "  action units: mean of %d tracked frames (%d untracked) in 0-%.1f s; branch: %s (%.3f)%n",
                        v.framesWithFace(), v.framesNoFace(), m.spanEnd(), v.prediction().emotion().label(), v.prediction().confidence());
                out.println("  fused (" + f.fused().modalities() + "):");
                printProbabilities(f.fused());
            }
            if (r.coversLessThanMedia()) {
                out.printf(Locale.ROOT, "  note: the file is %.1f s long; only 0-%.1f s were analysed%n", r.mediaSeconds(), r.end());
            }
            out.printf(Locale.ROOT, "%.0f ms%n", ms);
        }
        return 0;
    }

    private static String box(org.affect4j.vision.face.FaceBox b) {
        return String.format(Locale.ROOT, "(%.0f, %.0f)-(%.0f, %.0f)", b.x0(), b.y0(), b.x1(), b.y1());
    }

    private static String modelsLine(MultimodalDetector d) {
        var v = d.model().videoModel();
        String face = v instanceof FaceExpressionVideoModel m ? "face " + m.faceModel().id() + " (" + m.cropStyle().name().toLowerCase(Locale.ROOT)
                + " crops, bundled TinyFaceDetector)" : "face EmoNet-LSTM (seed checkpoint)";
        return "speech " + (v instanceof FaceExpressionVideoModel ? "bundled default" : "seed checkpoint") + ", " + face + ", "
                + d.model().fusion().describe();
    }

    private void printProbabilities(Prediction p) {
        for (Emotion e : Emotion.values()) {
            out.printf(Locale.ROOT, "  %-10s %.4f%s%n", e.label(), p.probability(e), e == p.emotion() ? "  <==" : "");
        }
    }

    private int timeline(Args a) throws IOException {
        if (a.positional.size() != 1) {
            throw new UsageException("timeline needs exactly one file");
        }
        if (a.options.containsKey("windows")) {
            throw new UsageException("timeline analyses one window per step; --windows applies to predict and eval");
        }
        Path file = Path.of(a.positional.get(0));
        Path outFile = a.path("out");
        String name = outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".jsonl")) {
            throw new UsageException("--out must end in .csv or .jsonl");
        }
        double hop = a.doubleOption("hop", 3.0);
        double window = a.doubleOption("window", 3.0);
        Progress progress = new Progress(err, "s");
        int[] rows = {0};
        int[] padded = {0};
        String[] models = {""};
        try (Writer w = Files.newBufferedWriter(outFile);
             TimelineSink writer = name.endsWith(".csv") ? new CsvTimelineWriter(w) : new JsonlTimelineWriter(w)) {
            TimelineSink counting = new TimelineSink() {
                @Override
                public void accept(TimelineRow row) throws IOException {
                    rows[0]++;
                    padded[0] += row.mostlyPadded() ? 1 : 0;
                    writer.accept(row);
                }

                @Override
                public void close() {
                }
            };
            if (isWav(file)) {
                try (SpeechDetector d = speechDetector(a)) {
                    models[0] = speechModelLine(a, d).replaceFirst("; windows? .*", "");
                    d.timeline(file, window, hop, counting, pr -> progress.update(pr.doneSeconds(), pr.totalSeconds()));
                }
            } else {
                try (MultimodalDetector d = multimodalDetector(a)) {
                    models[0] = "models: " + modelsLine(d);
                    d.timeline(file, window, hop, counting, pr -> progress.update(pr.doneSeconds(), pr.totalSeconds()));
                }
            }
        }
        progress.done();
        out.println(models[0]);
        out.printf(Locale.ROOT, "windows of %.1f s every %.1f s from 0 s (predict scores one window from 0.5 s, the seed's, so its first"
                + " answer can differ from the first row's)%n", window, hop);
        out.println(rows[0] + " rows written to " + outFile + (padded[0] > 0 ? "; " + padded[0] + " mostly padding (under "
                + Math.round(TimelineRow.MIN_REAL_FRACTION * 100) + " % real media: column mostly_padded)" : ""));
        return 0;
    }

    /** The RAVDESS WAVs under {@code --data}, only those of {@code --actors} when given; never empty. */
    private static List<Path> evalFiles(Args a) {
        Path data = a.path("data");
        List<Path> files = RavdessFiles.list(data, ".wav");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no RAVDESS WAV files (NN-NN-NN-NN-NN-NN-NN.wav) under " + data);
        }
        if (!a.options.containsKey("actors")) {
            return files;
        }
        java.util.Set<Integer> actors = actors(a.options.get("actors"));
        List<Path> chosen = files.stream().filter(f -> actors.contains(org.affect4j.core.ravdess.RavdessFileName.parse(f).actor())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no RAVDESS WAV files of actors " + actors + " under " + data);
        }
        return chosen;
    }

    /**
     * The Emo-DB WAVs under {@code --data} that have a RAVDESS emotion (boredom left out), only those of the speakers
     * in {@code --actors} when given; never empty.
     */
    private static List<LabelledFile> emoDbFiles(Args a) {
        Path data = a.path("data");
        List<Path> files = EmoDbFiles.listWithRavdessEmotion(data);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Emo-DB WAV files (e.g. 03a01Fa.wav) under " + data);
        }
        if (a.options.containsKey("actors")) {
            java.util.Set<Integer> speakers = actors(a.options.get("actors"));
            files = files.stream().filter(f -> speakers.contains(EmoDbFileName.parse(f).speaker())).toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no Emo-DB WAV files of speakers " + speakers + " under " + data);
            }
        }
        return files.stream().map(LabelledFile::ofEmoDb).toList();
    }

    /** The WAV files directly in {@code dir}, sorted; never empty. */
    static List<Path> calibrationClips(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--calibrate takes a folder of one speaker's WAV files; " + dir + " is not a folder");
        }
        try (var s = Files.list(dir)) {
            List<Path> wavs = s.filter(Files::isRegularFile).filter(Affect4jCli::isWav).sorted().toList();
            if (wavs.isEmpty()) {
                throw new IllegalArgumentException("no WAV files in " + dir + " to calibrate with");
            }
            return wavs;
        }
    }

    private int eval(Args a) throws IOException {
        if (a.options.containsKey("stamp-test") && a.options.containsKey("windows")) {
            throw new UsageException("--stamp-test records the model's own single-window result; drop --windows");
        }
        String calibrate = a.options.get("calibrate");
        if (calibrate != null && !calibrate.equals("per-actor")) {
            throw new UsageException("eval --calibrate takes 'per-actor', got '" + calibrate + "'");
        }
        if (calibrate != null && a.options.containsKey("stamp-test")) {
            throw new UsageException("--stamp-test records the model's own uncalibrated result; drop --calibrate");
        }
        if (calibrate == null && (a.options.containsKey("calibration-clips") || a.options.containsKey("seed"))) {
            throw new UsageException("--calibration-clips and --seed choose calibration clips; they need --calibrate per-actor");
        }
        int calibrationClips = a.intOption("calibration-clips", Integer.MAX_VALUE);
        if (calibrationClips < 1) {
            throw new UsageException("--calibration-clips must be >= 1, got " + calibrationClips);
        }
        int seed = a.intOption("seed", 1);
        String corpus = a.options.getOrDefault("corpus", "ravdess");
        if (!corpus.equals("ravdess") && !corpus.equals("emodb")) {
            throw new UsageException("eval --corpus takes ravdess or emodb, got '" + corpus + "'");
        }
        boolean emoDb = corpus.equals("emodb");
        if (emoDb && (calibrate != null || a.options.containsKey("stamp-test"))) {
            throw new UsageException("--calibrate and --stamp-test work on RAVDESS actors; drop them with --corpus emodb");
        }
        List<LabelledFile> labelled = emoDb ? emoDbFiles(a) : evalFiles(a).stream().map(LabelledFile::ofRavdess).toList();
        List<Path> files = labelled.stream().map(LabelledFile::file).toList();
        try (SpeechDetector d = speechDetector(a)) {
            if (calibrate == null && d.model().input().speakerNormalised()) {
                err.println("note: this model was trained on speaker-normalised input; add --calibrate per-actor for the accuracy"
                        + " it was selected with");
            }
            if (calibrate != null) {
                requireCalibratable(d);
            }
            Progress progress = new Progress(err, "files");
            int batch = a.intOption("batch", 32);
            SpeechEvaluation ev = calibrate != null
                    ? SpeechEvaluation.runCalibratedPerActor(d, files, batch, n -> progress.update(n, files.size()),
                            calibrationClips, seed)
                    : SpeechEvaluation.runLabelled(d, labelled, batch, n -> progress.update(n, files.size()));
            progress.done();
            if (calibrate != null && calibrationClips != Integer.MAX_VALUE) {
                err.println("speaker calibration per actor from at most " + calibrationClips + " clips of the other repetition,"
                        + " drawn with seed " + seed);
            }
            out.print(ev.report().format());
            writeReportDir(a, ev.report());
            String stamp = a.options.get("stamp-test");
            if (stamp != null) {
                stampTest(a, files, ev.report(), Path.of(stamp));
            }
            String csv = a.options.get("out");
            if (csv != null) {
                List<LogitsCsv.Row> rows = new ArrayList<>();
                for (SpeechEvaluation.Item it : ev.items()) {
                    rows.add(new LogitsCsv.Row(it.file().getFileName().toString(), it.label().speaker(), it.label().truth(),
                            it.prediction().emotion(), it.prediction().logits()));
                }
                LogitsCsv.write(Path.of(csv), d.model().labelOrder(), rows);
                out.println("per-file logits written to " + csv);
            }
        }
        return 0;
    }

    /** {@code --report-dir <dir>}: the report as report.json and its confusion matrix as confusion.png. */
    private void writeReportDir(Args a, org.affect4j.core.eval.EvaluationReport report) throws IOException {
        writeReportDir(a, report, out);
    }

    /** {@code --report-dir <dir>}: the report as report.json and its confusion matrix as confusion.png, said on {@code out}. */
    static void writeReportDir(Args a, org.affect4j.core.eval.EvaluationReport report, PrintStream out) throws IOException {
        String reportDir = a.options.get("report-dir");
        if (reportDir != null) {
            Path dir = Files.createDirectories(Path.of(reportDir));
            Files.writeString(dir.resolve("report.json"), report.toJson());
            report.writeConfusionPng(dir.resolve("confusion.png"));
            out.println("report written to " + dir.resolve("report.json") + " and " + dir.resolve("confusion.png"));
        }
    }

    private org.affect4j.core.train.TrainerConfig trainerConfig(Args a) {
        return org.affect4j.core.train.TrainerConfig.seedRecipe(a.intOption("epochs", 30))
                .withBatchSize(a.intOption("batch", 32))
                .withLearningRate(a.doubleOption("lr", 1e-4))
                .withSeed(a.intOption("seed", 42));
    }

    private org.affect4j.core.train.Trainer.Result trainSpeech(Args a, Path work, java.util.Set<Integer> trainActors,
                                                               java.util.Set<Integer> valActors, String prefix) {
        Path cache = a.options.containsKey("feature-cache") ? a.path("feature-cache") : null;
        Progress features = new Progress(err, "clips");
        org.affect4j.audio.train.SpeechTraining.Plan plan =
                new org.affect4j.audio.train.SpeechTraining.Plan(a.path("data"), trainActors, valActors, work, cache, augmentation(a),
                        scalerFit(a), speakerNorm(a), frontEnd(a), a.options.containsKey("extra-emodb") ? a.path("extra-emodb") : null);
        ConsoleTrainingListener listener = new ConsoleTrainingListener(out, err, prefix);
        java.time.Duration budget = a.options.containsKey("max-minutes")
                ? java.time.Duration.ofSeconds(Math.round(60 * a.doubleOption("max-minutes", 0))) : null;
        org.affect4j.core.train.Trainer.Result r = org.affect4j.audio.train.SpeechTraining.run(plan, trainerConfig(a), listener,
                (n, total) -> {
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
     * Training allocates and zeroes large native buffers at every op; backing them (and the Java heap) with 2 MB
     * transparent huge pages made this project's training steps about 4x faster (README, "Training speed"). Prints a
     * note when this JVM runs without them on a kernel that offers them.
     */
    private void hugePagesHint() {
        String missing = missingHugePageSettings(readThpMode(), System.getenv("GLIBC_TUNABLES"), jvmUsesThp());
        if (!missing.isEmpty()) {
            err.println("note: training runs faster with huge pages; this JVM lacks " + missing
                    + " (e.g. GLIBC_TUNABLES=glibc.malloc.hugetlb=1 java -XX:+UseTransparentHugePages -jar ...)");
        }
    }

    /**
     * The huge-page settings missing from this process, "" when none is or when the kernel offers no transparent huge
     * pages ({@code thpMode} = the content of /sys/kernel/mm/transparent_hugepage/enabled, null when absent).
     */
    static String missingHugePageSettings(String thpMode, String glibcTunables, boolean jvmThp) {
        if (thpMode == null || thpMode.contains("[never]")) {
            return "";
        }
        List<String> missing = new ArrayList<>();
        if (glibcTunables == null || !glibcTunables.matches(".*(^|:)glibc\\.malloc\\.hugetlb=[12](:|$).*")) {
            missing.add("GLIBC_TUNABLES=glibc.malloc.hugetlb=1");
        }
        if (!jvmThp) {
            missing.add("-XX:+UseTransparentHugePages");
        }
        return String.join(" and ", missing);
    }

    private static String readThpMode() {
        try {
            return Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static boolean jvmUsesThp() {
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseTransparentHugePages").getValue());
        } catch (RuntimeException e) {
            return false;   // not HotSpot: the hint may be spurious, never wrong about glibc
        }
    }

    /** The augmentations the options ask for; none of them = the seed's recipe. */
    static org.affect4j.audio.train.SpeechAugmentation augmentation(Args a) {
        org.affect4j.audio.train.SpeechAugmentation aug = org.affect4j.audio.train.SpeechAugmentation.SEED
                .withSpecAugment(specAugment(a)).withFreshNoise(freshNoise(a));
        double shift = a.doubleOption("time-shift", 0);
        double speed = a.doubleOption("speed-perturb", 0);
        double alpha = a.doubleOption("mixup", 0);
        org.affect4j.core.train.Mixup mixup;
        try {
            aug = aug.withTimeShift(shift);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--time-shift: " + e.getMessage());
        }
        try {
            aug = aug.withSpeedPerturbation(speed);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--speed-perturb: " + e.getMessage());
        }
        try {
            mixup = new org.affect4j.core.train.Mixup(alpha);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mixup: " + e.getMessage());
        }
        try {
            aug = aug.withTelephone(a.doubleOption("telephone-aug", 0));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--telephone-aug: " + e.getMessage());
        }
        try {
            aug = aug.withCut(a.doubleOption("cut-aug", 0));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--cut-aug: " + e.getMessage());
        }
        return aug.withMixup(mixup);
    }

    /** --front-end seed (default, the seed's 0-24 kHz mel) | telephone-band (300-3400 Hz). */
    static org.affect4j.audio.features.MelConfig frontEnd(Args a) {
        return a.choice("front-end", "seed", Map.of("seed", org.affect4j.audio.features.MelConfig.seed(),
                "telephone-band", org.affect4j.audio.features.MelConfig.telephoneBand()));
    }

    /** --normalise per-feature (default, the seed's StandardScaler) | per-bin (one mean/deviation per mel bin). */
    static org.affect4j.audio.train.ScalerFit scalerFit(Args a) {
        return a.choice("normalise", "per-feature", Map.of("per-feature", org.affect4j.audio.train.ScalerFit.PER_FEATURE,
                "per-bin", org.affect4j.audio.train.ScalerFit.PER_MEL_BIN));
    }

    /** --speaker-norm none (default, the seed's input) | band-mean (speaker normalisation of the training input). */
    static boolean speakerNorm(Args a) {
        return a.choice("speaker-norm", "none", Map.of("none", false, "band-mean", true));
    }

    /** --spec-augment none (default, the seed) | standard | F,WF,T,WT (masks and widest width per axis). */
    static org.affect4j.audio.features.SpecAugment specAugment(Args a) {
        String v = a.options.getOrDefault("spec-augment", "none");
        if (v.equals("none")) {
            return org.affect4j.audio.features.SpecAugment.NONE;
        }
        if (v.equals("standard")) {
            return org.affect4j.audio.features.SpecAugment.standard();
        }
        String[] f = v.split(",");
        try {
            if (f.length == 4) {
                return new org.affect4j.audio.features.SpecAugment(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
                        Integer.parseInt(f[2].trim()), Integer.parseInt(f[3].trim()));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--spec-augment: " + e.getMessage());
        }
        throw new UsageException("--spec-augment must be none, standard or F,WF,T,WT (e.g. 2,15,2,50), got '" + v + "'");
    }

    /** --noise fixed (default, the seed: AWGN copies drawn once) | fresh (redrawn every epoch). */
    static boolean freshNoise(Args a) {
        return a.choice("noise", "fixed", Map.of("fixed", false, "fresh", true));
    }

    private int train(Args a) {
        hugePagesHint();
        trainSpeech(a, a.path("work"), actors(a.options.getOrDefault("train-actors", "5-20")),
                actors(a.options.getOrDefault("val-actors", "21-24")), "");
        return 0;
    }

    /** The folds {@code cv} runs, in ascending order: {@code --folds} or all six. */
    static java.util.SortedSet<Integer> cvFolds(Args a) {
        return actorsOrFolds(a.options.getOrDefault("folds", "0-5"), 0, 5);
    }

    /**
     * Actor-independent k-fold: fold k trains on 16 actors, selects on the previous fold's actors and tests its best
     * model on actors 4k+1..4k+4. Each fold's report is saved as it finishes; a rerun skips finished folds and
     * resumes an interrupted one.
     */
    private int cv(Args a) throws IOException {
        Path work = a.path("work");
        Path data = a.path("data");
        java.util.SortedSet<Integer> folds = cvFolds(a);
        List<Path> files = RavdessFiles.list(data, ".wav");
        requireSameCvRun(a, work);
        hugePagesHint();
        for (int k : folds) {
            Path dir = work.resolve("fold-" + k);
            Path result = dir.resolve("test-report.json");
            if (!Files.exists(result)) {
                String prefix = "fold " + k + ": ";
                org.affect4j.core.train.Trainer.Result r = trainSpeech(a, dir, org.affect4j.core.ravdess.ActorFolds.trainActors(k),
                        org.affect4j.core.ravdess.ActorFolds.validationActors(k), prefix);
                if (!r.complete()) {
                    out.println("cv stopped by --max-minutes during fold " + k + "; run the same command again to resume");
                    return 0;
                }
                List<Path> test = org.affect4j.core.ravdess.ActorFolds.split(files, k).test();
                try (SpeechDetector d = EmotionDetector.speech().load(r.bestModel())) {
                    boolean calibrated = d.model().input().speakerNormalised();
                    SpeechEvaluation ev = calibrated ? SpeechEvaluation.runCalibratedPerActor(d, test, 32, null)
                            : SpeechEvaluation.run(d, test, 32, null);
                    Files.writeString(dir.resolve("test-report.txt"), (calibrated ? CALIBRATED_NOTE + System.lineSeparator() : "")
                            + ev.report().format());
                    ev.report().writeConfusionPng(dir.resolve("test-confusion.png"));
                    Files.writeString(result, ev.report().toJson());
                }
            }
            double acc = readReport(result).accuracy();
            out.printf(Locale.ROOT, "fold %d (test actors %s): accuracy %.4f  [%s]%n", k,
                    org.affect4j.core.ravdess.ActorFolds.testActors(k).stream().sorted().toList(), acc, result);
        }
        // the summary covers every finished fold in the work directory (folds may run in separate invocations)
        Map<Integer, org.affect4j.core.eval.EvaluationReport> done = new java.util.TreeMap<>();
        for (int k = 0; k <= 5; k++) {
            Path result = work.resolve("fold-" + k).resolve("test-report.json");
            if (Files.exists(result)) {
                done.put(k, readReport(result));
            }
        }
        org.affect4j.core.eval.CrossValidationReport cvr = org.affect4j.core.eval.CrossValidationReport.of(done);
        Files.writeString(work.resolve("cv-report.txt"), cvr.format());
        Files.writeString(work.resolve("cv-report.json"), cvr.toJson());
        cvr.pooled().writeConfusionPng(work.resolve("cv-confusion.png"));
        out.print(cvr.format());
        out.printf(Locale.ROOT, "%d fold(s) %s: mean accuracy %s (sample sd); report in %s%n", done.size(), done.keySet(), cvr.accuracy(),
                work.resolve("cv-report.txt"));
        return 0;
    }

    /**
     * Folds of one cross-validation must share the recipe: the first run records it in {@code cv-run.json}; a later
     * run with another learning rate, batch, seed or augmentation is refused (the epoch budget may differ).
     */
    private void requireSameCvRun(Args a, Path work) throws IOException {
        org.affect4j.core.train.TrainerConfig c = trainerConfig(a);
        Map<String, String> now = new java.util.TreeMap<>();
        now.put("learningRate", String.valueOf(c.learningRate()));
        now.put("batchSize", String.valueOf(c.batchSize()));
        now.put("seed", String.valueOf(c.seed()));
        now.put("augmentation", augmentation(a).describe());
        now.put("scaler", scalerFit(a).description());
        if (speakerNorm(a)) {
            now.put("speakerNormalisation", org.affect4j.audio.train.SpeechTraining.SPEAKER_NORMALISATION);
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

    private static org.affect4j.core.eval.EvaluationReport readReport(Path reportJson) throws IOException {
        try {
            return org.affect4j.core.eval.EvaluationReport.fromJson(Files.readString(reportJson));
        } catch (IllegalArgumentException e) {
            throw new IOException(reportJson + ": " + e.getMessage(), e);
        }
    }

    /** "5-20" or "1,2,3" or "1-4,9": RAVDESS actors 1..24. */
    static java.util.Set<Integer> actors(String spec) {
        return actorsOrFolds(spec, 1, 24);
    }

    static java.util.SortedSet<Integer> actorsOrFolds(String spec, int min, int max) {
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            try {
                if (p.contains("-")) {
                    String[] r = p.split("-");
                    for (int i = Integer.parseInt(r[0]); i <= Integer.parseInt(r[1]); i++) {
                        out.add(i);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new UsageException("actor list must look like 5-20 or 1,2,3, got '" + spec + "'");
            }
        }
        for (int x : out) {
            if (x < min || x > max) {
                throw new UsageException("expected numbers in " + min + ".." + max + ", got " + x);
            }
        }
        return out;
    }

    /**
     * {@code ensemble a.csv b.csv ...}: the per-file logits of several models evaluated on the same files (each written
     * by {@code eval --out}) combined by averaging each file's class probabilities with equal weights; prints the
     * ensemble's report as {@code eval} does. The ensemble's own CSV ({@code --out}) holds the log of the averaged
     * probabilities as its logits, so that ensembles can be combined again.
     */
    private int ensemble(Args a) throws IOException {
        if (a.positional.size() < 2) {
            throw new UsageException("ensemble needs at least two logits CSVs (written by eval --out), got " + a.positional.size());
        }
        List<LogitsCsv.Table> tables = new ArrayList<>();
        for (String f : a.positional) {
            tables.add(LogitsCsv.read(Path.of(f)));
        }
        LogitsCsv.Table first = tables.get(0);
        List<Map<String, LogitsCsv.Row>> byFile = new ArrayList<>();
        for (LogitsCsv.Table t : tables) {
            Map<String, LogitsCsv.Row> rows = new HashMap<>();
            for (LogitsCsv.Row r : t.rows()) {
                if (rows.put(r.file(), r) != null) {
                    throw new IllegalArgumentException(t.source() + " lists " + r.file() + " twice");
                }
            }
            if (rows.size() != first.rows().size()) {
                throw new IllegalArgumentException(t.source() + " has " + rows.size() + " files, " + first.source() + " "
                        + first.rows().size() + ": an ensemble needs every model evaluated on the same files");
            }
            byFile.add(rows);
        }
        org.affect4j.core.eval.EvaluationReport.Builder report = new org.affect4j.core.eval.EvaluationReport.Builder();
        List<LogitsCsv.Row> combined = new ArrayList<>();
        for (LogitsCsv.Row r0 : first.rows()) {
            double[] mean = new double[first.order().size()];
            for (int t = 0; t < tables.size(); t++) {
                LogitsCsv.Row r = byFile.get(t).get(r0.file());
                if (r == null) {
                    throw new IllegalArgumentException(tables.get(t).source() + " has no row for " + r0.file() + " (in " + first.source()
                            + "): an ensemble needs every model evaluated on the same files");
                }
                if (r.truth() != r0.truth()) {
                    throw new IllegalArgumentException(r0.file() + " is labelled " + r.truth().label() + " in " + tables.get(t).source()
                            + " and " + r0.truth().label() + " in " + first.source());
                }
                Prediction p = Prediction.fromLogits(r.logits(), tables.get(t).order(), java.util.EnumSet.of(org.affect4j.core.Modality.SPEECH));
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += p.probability(first.order().emotionAt(k)) / tables.size();
                }
            }
            float[] logProbabilities = new float[mean.length];
            int best = 0;
            for (int k = 0; k < mean.length; k++) {
                logProbabilities[k] = (float) Math.log(mean[k]);
                best = mean[k] > mean[best] ? k : best;
            }
            Emotion predicted = first.order().emotionAt(best);
            int intensity = org.affect4j.core.ravdess.RavdessFileName.isRavdessName(r0.file())
                    ? org.affect4j.core.ravdess.RavdessFileName.parse(r0.file()).intensity() : -1;
            report.add(r0.truth(), predicted, r0.actor(), intensity);
            combined.add(new LogitsCsv.Row(r0.file(), r0.actor(), r0.truth(), predicted, logProbabilities));
        }
        org.affect4j.core.eval.EvaluationReport result = report.build();
        err.println("ensemble of " + tables.size() + " models, class probabilities averaged over " + first.rows().size() + " files");
        out.print(result.format());
        writeReportDir(a, result);
        String csv = a.options.get("out");
        if (csv != null) {
            LogitsCsv.write(Path.of(csv), first.order(), combined);
            out.println("per-file log-probabilities written to " + csv);
        }
        return 0;
    }


    /** {@code export}: an Affect4J model's weights as a PyTorch state dict, plus a speech model's scaler as .npz. */
    /** Speaker calibration shifts log-mel bands: a usage error for the utterance model, which reads per-clip statistics. */
    private static void requireCalibratable(SpeechDetector d) {
        if (d.model().input().utterance()) {
            throw new UsageException("--calibrate applies to the log-mel models (--bundled seed-recipe, speaker-normalised, robust, or a"
                    + " model from `train`); the default utterance model normalises each clip itself");
        }
    }

    private int export(Args a) {
        if (!a.positional.isEmpty()) {
            throw new UsageException("export takes no files; give --model <affect4j.zip> (or none for the bundled model) and --out <model.pt>");
        }
        Path outFile = a.path("out");
        if (a.options.containsKey("model") && a.options.containsKey("bundled")) {
            throw new UsageException("give one of --model or --bundled");
        }
        org.affect4j.core.checkpoint.ModelArchive m;
        if (a.options.containsKey("model")) {
            m = org.affect4j.core.checkpoint.ModelArchive.read(a.path("model"));
        } else {
            m = bundledModel(a.options.getOrDefault("bundled", "seed-recipe")).read();
        }
        if (org.affect4j.audio.SpeechModelArchive.UTTERANCE_ARCHITECTURE.equals(m.meta().get("architecture"))) {
            throw new IllegalArgumentException((a.options.containsKey("model") ? a.options.get("model") : "the bundled utterance model")
                    + " is an utterance model (" + org.affect4j.audio.SpeechModelArchive.UTTERANCE_ARCHITECTURE + "), which has no"
                    + " counterpart in the seed's PyTorch code; export takes models of the seed's network (--bundled seed-recipe,"
                    + " speaker-normalised, robust, or a model from `train`)");
        }
        m.exportTorch(outFile);
        out.println("PyTorch state dict written to " + outFile);
        if (m.tensors().containsKey("scaler.mean") && m.tensors().containsKey("scaler.scale")) {
            String name = outFile.getFileName().toString();
            Path scaler = outFile.resolveSibling((name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name) + ".scaler.npz");
            java.util.Map<String, org.affect4j.core.checkpoint.ModelArchive.Tensor> arrays = new java.util.TreeMap<>(java.util.Map.of(
                    "mean", m.tensor("scaler.mean"), "scale", m.tensor("scaler.scale")));
            String target = org.affect4j.audio.SpeechModelArchive.CALIBRATION_TARGET;
            if (m.tensors().containsKey(target)) {
                arrays.put("calibration_target", m.tensor(target));
            }
            org.affect4j.core.checkpoint.NumpyFiles.writeNpz(scaler, arrays);
            out.println("input scaler (StandardScaler mean_ and scale_) written to " + scaler
                    + (m.tensors().containsKey(target) ? ", with calibration_target (the band means, dB, speaker calibration aims at)" : ""));
        }
        return 0;
    }

    /**
     * Writes a copy of the {@code --model} archive whose provenance records this evaluation as the model's held-out
     * test result (actors, accuracy, counts), refusing when any evaluated actor was used for training or selection.
     */
    private void stampTest(Args a, List<Path> files, org.affect4j.core.eval.EvaluationReport report, Path outFile) {
        if (!a.options.containsKey("model")) {
            throw new UsageException("--stamp-test needs --model <affect4j.zip>");
        }
        org.affect4j.core.checkpoint.ModelArchive m = org.affect4j.core.checkpoint.ModelArchive.read(a.path("model"));
        java.util.Map<String, Object> prov = new java.util.LinkedHashMap<>(org.affect4j.audio.SpeechModelArchive.provenance(m));
        java.util.Set<Integer> actors = new java.util.TreeSet<>();
        files.forEach(f -> actors.add(org.affect4j.core.ravdess.RavdessFileName.parse(f).actor()));
        for (String k : List.of("trainActors", "validationActors")) {
            if (prov.get(k) instanceof List<?> used) {
                for (Object u : used) {
                    if (actors.contains(((Number) u).intValue())) {
                        throw new IllegalArgumentException("actor " + u + " of the evaluated files is in the model's " + k
                                + ": not a held-out test");
                    }
                }
            }
        }
        java.util.Map<String, Object> test = new java.util.LinkedHashMap<>();
        test.put("actors", List.copyOf(actors));
        test.put("files", report.total());
        test.put("correct", report.correct());
        test.put("accuracy", report.accuracy());
        prov.put("test", test);
        java.util.Map<String, Object> meta = new java.util.LinkedHashMap<>(m.meta());
        meta.put("provenance", prov);
        org.affect4j.core.checkpoint.ModelArchive.of(meta, m.tensors()).write(outFile);
        out.println("model with its test result written to " + outFile);
    }

    static final class UsageException extends RuntimeException {
        UsageException(String m) {
            super(m);
        }
    }

    /** --key value options plus positionals. */
    static final class Args {
        final Map<String, String> options = new HashMap<>();
        final List<String> positional = new ArrayList<>();

        static Args parse(String[] args, int from) {
            Args a = new Args();
            for (int i = from; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option " + args[i] + " needs a value");
                    }
                    a.options.put(args[i].substring(2), args[++i]);
                } else {
                    a.positional.add(args[i]);
                }
            }
            return a;
        }

        Path path(String key) {
            String v = options.get(key);
            if (v == null) {
                throw new UsageException("missing --" + key);
            }
            return Path.of(v);
        }

        double doubleOption(String key, double dflt) {
            String v = options.get(key);
            if (v == null) {
                return dflt;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + key + " needs a number, got '" + v + "'");
            }
        }

        /**
         * The value {@code --key} names among {@code choices} ({@code dflt}, one of them, when absent).
         *
         * @throws UsageException naming the allowed values otherwise
         */
        <T> T choice(String key, String dflt, Map<String, T> choices) {
            String v = options.getOrDefault(key, dflt);
            T t = choices.get(v);
            if (t == null) {
                List<String> allowed = new ArrayList<>(List.of(dflt));
                choices.keySet().stream().filter(c -> !c.equals(dflt)).sorted().forEach(allowed::add);
                throw new UsageException("--" + key + " must be " + String.join(" or ", allowed) + ", got '" + v + "'");
            }
            return t;
        }

        int intOption(String key, int dflt) {
            String v = options.get(key);
            if (v == null) {
                return dflt;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + key + " needs an integer, got '" + v + "'");
            }
        }
    }
}
