package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.audio.features.MelConfig;
import org.affect4j.audio.features.WindowPlacement;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;
import org.affect4j.core.Span;
import org.affect4j.core.FusedFace;
import org.affect4j.core.MultimodalResult;
import org.affect4j.core.FaceResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code affect4j predict <file>...}: a .wav goes through the speech model; any other file is read as video with
 * sound — the bundled speech and face models late-fused per face, or with {@code --checkpoint} the seed's multimodal
 * model; with {@code --action-units} the trained action-unit fusion.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Predicts the emotion of WAV files (speech model) or videos with sound (speech + face).",
                "A .wav goes through the speech model; any other file is read as video with sound (without --checkpoint the bundled speech and face models, late-fused per face; with --checkpoint the seed's multimodal model), one fused prediction per face, falling back to the modality present. With --action-units: the trained action-unit fusion of the clip's speech and its OpenFace action units."})
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Parameters(paramLabel = "<file>", arity = "1..*", description = "WAV files, or video files with sound")
    private List<Path> files;

    @Mixin
    private SpeechModelOptions speech;

    @Mixin
    private FaceModelOptions face;

    @Option(names = "--landmarks", paramLabel = "<openface.csv>", description = "seed multimodal model: face boxes from an OpenFace CSV")
    private Path landmarks;

    @Option(names = "--calibrate", paramLabel = "<dir>",
            description = "WAVs only: speaker calibration from every WAV in <dir> (unlabelled clips of the same speaker; beyond the seed)")
    private Path calibrate;

    @Option(names = "--action-units", paramLabel = "<openface.csv>",
            description = "the trained action-unit fusion: the clip's OpenFace 2.x CSV (one WAV or video with sound)")
    private Path actionUnits;

    @Option(names = "--au-model", paramLabel = "<au-fusion.zip>", description = "with --action-units: a fusion model from cv-au (default: bundled)")
    private Path auModel;

    @Option(names = "--format", paramLabel = "text|json|csv", defaultValue = "text",
            description = "output: text (default), json (one object per file or face) or csv; notes then go to stderr")
    private OutputFormat format;

    @Override
    public Integer call() throws IOException {
        if (actionUnits != null || auModel != null) {
            return actionUnits();
        }
        List<Path> wavs = files.stream().filter(CliSupport::isWav).toList();
        List<Path> videos = files.stream().filter(p -> !CliSupport.isWav(p)).toList();
        if (!wavs.isEmpty() && !videos.isEmpty()) {
            throw new Affect4jCli.UsageException("give either WAV files (speech model) or video files (multimodal model), not both");
        }
        if (!videos.isEmpty() && calibrate != null) {
            throw new Affect4jCli.UsageException("--calibrate applies to WAV files (the speech model)");
        }
        return wavs.isEmpty() ? videos(videos) : speech(wavs);
    }

    /** Where the human-readable lines go: stdout for text, stderr when stdout carries records. */
    private PrintStream notes() {
        return format == OutputFormat.text ? cli.out : cli.err;
    }

    private int speech(List<Path> wavs) throws IOException {
        PrintStream out = cli.out;
        PredictionRows rows = format == OutputFormat.text ? null : new PredictionRows(out, format);
        try (SpeechDetector loaded = speech.load()) {
            SpeechDetector d = loaded;
            if (calibrate == null && loaded.info().speakerNormalised()) {
                cli.err.println("note: this model was trained on speaker-normalised input; add --calibrate <dir of the speaker's WAVs>"
                        + " for the accuracy it was selected with");
            }
            if (calibrate != null) {
                requireCalibratable(loaded);
                List<Path> speaker = calibrationClips(calibrate);
                d = loaded.forSpeaker(speaker.stream().map(Clip::of).toList());
                notes().println("speaker calibration from " + speaker.size() + " clips in " + calibrate + ": " + d.calibration().orElseThrow());
            }
            notes().println(speech.describe(d));
            for (Path file : wavs) {
                long t0 = System.nanoTime();
                Prediction p = d.predict(file);
                double ms = (System.nanoTime() - t0) / 1e6;
                Span span = p.span().orElseThrow();
                if (rows != null) {
                    rows.write(file.toString(), "speech", span, p);
                    continue;
                }
                out.println(file);
                List<Double> starts = d.info().windowOffsets();
                double scoredTo = (starts.size() > 1 ? starts.get(starts.size() - 1) : span.startSeconds()) + d.info().window().seconds();
                out.printf(Locale.ROOT, "  scored %s%s%n", span, d.info().placement() == WindowPlacement.FIXED
                        || span.startSeconds() == d.info().window().offsetSeconds() ? ""
                        : String.format(Locale.ROOT, " (the most speech-active %.0f s)", d.info().window().seconds()));
                if (span.mediaSeconds() > span.endSeconds() + 1.0 || span.startSeconds() > 1.0) {
                    out.printf(Locale.ROOT, "  note: the file is %.1f s long; predict scored only %.1f s of it. Use 'timeline' for the"
                            + " whole file.%n", span.mediaSeconds(), span.seconds());
                } else if (span.mediaSeconds() < scoredTo && !d.info().utterance()) {
                    out.printf(Locale.ROOT, "  note: the file is %.2f s long; the window is zero-padded after its end%n", span.mediaSeconds());
                }
                int rate = WavDecoder.header(file).sampleRate();
                if (rate < 44_100 && d.info().frontEnd().equals(MelConfig.seed())) {
                    out.printf(Locale.ROOT, "  note: the file is %d Hz audio; this model was trained on 48 kHz audio and scores near"
                            + " chance on resampled or telephone audio (docs/robustness.md): the default model (no --bundled) is"
                            + " made for it%n", rate);
                }
                CliSupport.printProbabilities(out, p);
                out.printf(Locale.ROOT, "prediction: %s (%.3f), %.1f ms%n", p.emotion().label(), p.confidence(), ms);
            }
        }
        return 0;
    }

    private int videos(List<Path> videos) {
        PrintStream out = cli.out;
        PredictionRows rows = format == OutputFormat.text ? null : new PredictionRows(out, format);
        try (MultimodalDetector d = face.load(speech)) {
            for (Path file : videos) {
                long t0 = System.nanoTime();
                MultimodalResult r = landmarks != null ? d.predict(Clip.of(file), landmarks) : d.predict(Clip.of(file));
                double ms = (System.nanoTime() - t0) / 1e6;
                if (rows != null) {
                    Span span = new Span(r.start(), Math.max(r.start(), Math.min(r.end(), r.mediaSeconds())), r.mediaSeconds());
                    if (r.faces().isEmpty()) {
                        notes().println(file + ": no face found: speech-only prediction");
                        rows.write(file.toString(), "speech", span, r.speech().orElseThrow());
                    }
                    for (FusedFace f : r.faces()) {
                        rows.write(file.toString(), "face " + f.video().trackId(), span, f.fused());
                    }
                    continue;
                }
                out.println(file);
                out.printf(Locale.ROOT, "  models: %s%n", FaceModelOptions.describe(d));
                out.printf(Locale.ROOT, "  window %.1f-%.1f s, %.2f s real; speech: %s%n", r.start(), r.end(), r.realSeconds(),
                        speech(r));
                if (r.faces().isEmpty()) {
                    out.println("  no face found: speech-only prediction");
                    CliSupport.printProbabilities(out, r.speech().orElseThrow());
                }
                for (FusedFace f : r.faces()) {
                    Prediction p = f.fused();
                    FaceResult v = f.video();
                    if (v.frames().isEmpty()) { // EmoNet-LSTM: 90 steps, with valence and arousal
                        out.printf(Locale.ROOT, "  face %d at %s in %d/90 steps; video: %s (%.3f); valence %.3f arousal %.3f%n", v.trackId(),
                                box(v.box()), v.framesWithFace(), v.prediction().emotion().label(), v.prediction().confidence(),
                                p.valence().orElse(Double.NaN), p.arousal().orElse(Double.NaN));
                    } else {
                        out.printf(Locale.ROOT, "  face %d at %s in %d of %d frames; face model: %s (%.3f)%n", v.trackId(), box(v.box()),
                                v.framesWithFace(), v.framesWithFace() + v.framesNoFace(), v.prediction().emotion().label(), v.prediction().confidence());
                    }
                    out.println("  fused (" + p.modalities() + "):");
                    CliSupport.printProbabilities(out, p);
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
    private int actionUnits() {
        if (files.size() != 1 || actionUnits == null) {
            throw new Affect4jCli.UsageException("--action-units takes one media file (WAV or video with sound) and its OpenFace CSV: "
                    + "predict <file> --action-units <openface.csv> [--au-model <au-fusion.zip>]");
        }
        String other = landmarks != null ? "landmarks" : speech.checkpoint != null ? "checkpoint" : speech.scaler != null ? "scaler"
                : speech.model != null ? "model" : speech.bundled != null ? "bundled" : calibrate != null ? "calibrate"
                : face.faceModel != null ? "face-model" : face.crop != null ? "crop" : face.fusionWeights != null ? "fusion-weights"
                : speech.windows != null ? "windows" : face.faceDetector != null ? "face-detector" : face.emonetStride != null ? "emonet-stride" : null;
        if (other != null) {
            throw new Affect4jCli.UsageException("--" + other + " does not apply with --action-units (the fusion names its own speech model)");
        }
        PrintStream out = cli.out;
        Path file = files.get(0);
        MultimodalDetector.Builder b = EmotionDetector.multimodal();
        b = auModel != null ? b.actionUnits(auModel) : b.actionUnits();
        try (MultimodalDetector d = b.load()) {
            long t0 = System.nanoTime();
            MultimodalResult r = d.predict(Clip.of(file), actionUnits);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (format != OutputFormat.text) {
                PredictionRows rows = new PredictionRows(out, format);
                Span span = new Span(r.start(), Math.min(r.end(), r.mediaSeconds()), r.mediaSeconds());
                if (r.faces().isEmpty()) {
                    rows.write(file.toString(), "speech", span, r.speech().orElseThrow());
                }
                for (FusedFace f : r.faces()) {
                    rows.write(file.toString(), "face " + f.video().trackId(), span, f.fused());
                }
                return 0;
            }
            out.println(file);
            out.printf(Locale.ROOT, "  models: %s%n", d.describe());
            out.printf(Locale.ROOT, "  speech: %s%n", speech(r));
            if (r.faces().isEmpty()) {
                out.println("  no tracked face frame in 0-" + r.end() + " s of the CSV: speech-only prediction");
                CliSupport.printProbabilities(out, r.speech().orElseThrow());
            }
            for (FusedFace f : r.faces()) {
                FaceResult v = f.video();
                out.printf(Locale.ROOT, "  action units: mean of %d tracked frames (%d untracked) in 0-%.1f s; branch: %s (%.3f)%n",
                        v.framesWithFace(), v.framesNoFace(), r.end(), v.prediction().emotion().label(), v.prediction().confidence());
                out.println("  fused (" + f.fused().modalities() + "):");
                CliSupport.printProbabilities(out, f.fused());
            }
            if (r.coversLessThanMedia()) {
                out.printf(Locale.ROOT, "  note: the file is %.1f s long; only 0-%.1f s were analysed%n", r.mediaSeconds(), r.end());
            }
            out.printf(Locale.ROOT, "%.0f ms%n", ms);
        }
        return 0;
    }

    private static String box(java.util.Optional<org.affect4j.core.Box> box) {
        return box.map(b -> String.format(Locale.ROOT, "(%.0f, %.0f)-(%.0f, %.0f)", b.x0(), b.y0(), b.x1(), b.y1())).orElse("(no box)");
    }

    /** Speaker calibration shifts log-mel bands: a usage error for the utterance model, which reads per-clip statistics. */
    static void requireCalibratable(SpeechDetector d) {
        if (d.info().utterance()) {
            throw new Affect4jCli.UsageException("--calibrate applies to the log-mel models (--bundled seed-recipe, speaker-normalised, robust, or a"
                    + " model from `train`); the default utterance model normalises each clip itself");
        }
    }

    /** The WAV files directly in {@code dir}, sorted; never empty. */
    static List<Path> calibrationClips(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new Affect4jCli.UsageException("--calibrate takes a folder of one speaker's WAV files; " + dir + " is not a folder");
        }
        try (var s = Files.list(dir)) {
            List<Path> wavs = s.filter(Files::isRegularFile).filter(CliSupport::isWav).sorted().toList();
            if (wavs.isEmpty()) {
                throw new IllegalArgumentException("no WAV files in " + dir + " to calibrate with");
            }
            return wavs;
        }
    }

    /** The speech prediction as "label (confidence)", or why there is none. */
    private static String speech(MultimodalResult r) {
        return r.speech().map(p -> p.emotion().label() + String.format(Locale.ROOT, " (%.3f)", p.confidence()))
                .orElseGet(() -> r.speechMissing().orElseThrow().description());
    }
}
