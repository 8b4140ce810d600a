package org.affect4j.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.affect4j.EmotionDetector;
import org.affect4j.audio.BundledSpeechModel;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.audio.features.WindowPlacement;
import picocli.CommandLine.Option;

/**
 * Which speech model a command uses, and how it windows a clip: the bundled default (no option), {@code --bundled
 * <id>}, {@code --model <affect4j.zip>}, or the seed's {@code --checkpoint} + {@code --scaler}.
 */
final class SpeechModelOptions {

    @Option(names = "--bundled", paramLabel = "<id>", completionCandidates = BundledIds.class,
            description = "a bundled speech model: ${COMPLETION-CANDIDATES} (default: utterance; speaker-normalised needs"
                    + " speaker calibration, --calibrate)")
    String bundled;

    @Option(names = "--model", paramLabel = "<affect4j.zip>", description = "a speech model from 'train' or 'train-utterance'")
    Path model;

    @Option(names = "--checkpoint", paramLabel = "<model.pt>",
            description = "the seed's PyTorch checkpoint (with --scaler); for a video, the seed's multimodal modelParams.pkl")
    Path checkpoint;

    @Option(names = "--scaler", paramLabel = "<scaler.pkl>", description = "the seed's scikit-learn input scaler (with --checkpoint)")
    Path scaler;

    @Option(names = "--windows", paramLabel = "S1,S2,...",
            description = "average the logits of windows (3 s for the seed's network, 6 s for the utterance model) starting at"
                    + " each S seconds; beyond the seed, which analyses one window from 0.5 s")
    String windows;

    @Option(names = "--window-placement", paramLabel = "fixed|auto|speech-active",
            description = "where the window is cut: fixed at the model's offset (default of the seed's network); auto (default"
                    + " of the utterance model) keeps that window unless it misses over 10 %% of the clip's speech, then takes"
                    + " the most speech-active window; speech-active always that one")
    String windowPlacement;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "clips per batch (default ${DEFAULT-VALUE})")
    int batch;

    /** Whether the seed's checkpoint was asked for (--checkpoint or --scaler). */
    boolean seed() {
        return checkpoint != null || scaler != null;
    }

    /** Whether any option choosing or configuring the speech model was given. */
    boolean anyGiven() {
        return seed() || model != null || bundled != null || windows != null || windowPlacement != null;
    }

    /** Loads the speech model the options name. */
    SpeechDetector load() {
        SpeechDetector.Builder b = EmotionDetector.speech().maxBatch(batch);
        if (windows != null) {
            b.windowOffsets(CliSupport.numbers("--windows", windows));
        }
        if (windowPlacement != null) {
            b.windowPlacement(CliSupport.choice("--window-placement", windowPlacement, "fixed", Map.of("auto", WindowPlacement.AUTO,
                    "fixed", WindowPlacement.FIXED, "speech-active", WindowPlacement.SPEECH_ACTIVE)));
        }
        int given = (seed() ? 1 : 0) + (model != null ? 1 : 0) + (bundled != null ? 1 : 0);
        if (given > 1) {
            throw new Affect4jCli.UsageException("give one of --model, --bundled or --checkpoint/--scaler");
        }
        if (seed()) {
            return b.load(require(checkpoint, "--checkpoint"), require(scaler, "--scaler"));
        }
        if (bundled != null) {
            return b.load(bundledModel(bundled));
        }
        return model != null ? b.load(model) : b.load();
    }

    /** Which speech model {@link #load} loaded, and its window(s), for the output. */
    String describe(SpeechDetector d) {
        String which = checkpoint != null ? "the seed's checkpoint " + checkpoint
                : model != null ? "model " + model
                : "bundled " + (bundled != null ? bundled : BundledSpeechModel.DEFAULT.id());
        double len = d.info().window().seconds();
        StringBuilder w = new StringBuilder();
        List<Double> offsets = d.info().windowOffsets();
        for (double o : offsets) {
            w.append(w.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f-%.1f s", o, o + len));
        }
        return "model: " + which + "; window" + (offsets.size() > 1 ? "s " : " ") + w + (offsets.size() > 1 ? " (logits averaged)" : "")
                + (d.calibration().isPresent() ? "; speaker-calibrated" : "");
    }

    /** {@code --bundled <id>} → the bundled model; an unknown id is a usage error naming the bundled ones. */
    static BundledSpeechModel bundledModel(String id) {
        try {
            return BundledSpeechModel.byId(id);
        } catch (IllegalArgumentException e) {
            throw new Affect4jCli.UsageException("--bundled: " + e.getMessage());
        }
    }

    static <T> T require(T value, String option) {
        if (value == null) {
            throw new Affect4jCli.UsageException("missing " + option);
        }
        return value;
    }

    /** The bundled speech models' ids, for help and shell completion. */
    static final class BundledIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> ids = new ArrayList<>();
            for (BundledSpeechModel m : BundledSpeechModel.values()) {
                ids.add(m.id());
            }
            return ids.iterator();
        }
    }
}
