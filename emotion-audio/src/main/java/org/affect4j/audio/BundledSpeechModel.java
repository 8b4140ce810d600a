package org.affect4j.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.ModelArchive;

/**
 * The speech models bundled in this jar, all trained by the project on RAVDESS actors 05–24 (the seed's network:
 * 05–20, model selection on 21–24; the utterance model: 05–24 with a fixed recipe) and tested on actors 01–04, which
 * none ever heard (MODEL_CARD.md). {@link #DEFAULT} is what {@code load()} gives. Weights derive from RAVDESS:
 * CC BY-NC-SA 4.0.
 */
public enum BundledSpeechModel {

    /**
     * The seed's recipe (per-feature scaler, AWGN ×2) on the seed's network and front end; the default before issue 22.
     * Uncalibrated 50.0 % on actors 01–04 at 48 kHz, chance (13.3 %) on the same clips at 16 kHz or telephone band;
     * with speaker calibration from 30 clips per speaker 53.8 %.
     */
    SEED_RECIPE("seed-recipe", "affect4j-speech-ravdess.zip", false),

    /**
     * Trained on speaker-normalised input (each training actor's mel bands moved to the training clips' band means;
     * beyond the seed). Made to be used <em>with</em> speaker calibration ({@code SpeechDetector.forSpeaker}): 56.3 %
     * on actors 01–04 calibrated from 30 clips per speaker, 55.0 % from 4; uncalibrated only 42.9 %, below
     * {@link #SEED_RECIPE}. Over three cross-validation folds it beat the seed recipe, both calibrated, in each.
     */
    SPEAKER_NORMALISED("speaker-normalised", "affect4j-speech-ravdess-speaker-norm.zip", true),

    /**
     * Made for audio as users have it (issue 22; beyond the seed): the telephone-band front end
     * ({@code MelConfig.telephoneBand()}: 128 mels over 300–3400 Hz, the same 128 × 563 input, so the sample rate and
     * a telephone channel barely change what the network sees), per-bin normalisation, random time shifts, and
     * telephone-channel and cut-to-1–3 s augmentation in training. 36.3 % on actors 01–04 at 48 kHz, 22.05 kHz and
     * 16 kHz alike, 35.4 % on the telephone band — where {@link #SEED_RECIPE} falls to 13.3 % — but below it on 48 kHz
     * studio audio (50.0 %) and on short clips: docs/robustness.md, MODEL_CARD.md.
     */
    ROBUST("robust", "affect4j-speech-ravdess-robust.zip", false),

    /**
     * The default since issue 22 (beyond the seed): the utterance model — statistics of the whole utterance's
     * telephone band (log-mel bands, cepstra, pitch, loudness contour over the speech-active frames;
     * {@code UtteranceStatistics}) through an ensemble of five small MLPs ({@code UtteranceNet}), trained on RAVDESS
     * actors 05–24 as they are, as telephone audio and cut to their first 2 s. The same features at 48, 22.05, 16 and
     * 8 kHz and at any level, so it holds its accuracy on audio like users' where {@link #SEED_RECIPE} falls to chance:
     * measured on actors 01–04 in MODEL_CARD.md and docs/robustness.md. Not for speaker calibration.
     */
    UTTERANCE("utterance", "affect4j-speech-utterance.zip", false);

    /** The model {@code load()} gives. */
    public static final BundledSpeechModel DEFAULT = UTTERANCE;

    private static final String DIRECTORY = "/org/affect4j/audio/model/";

    private final String id;
    private final String resource;
    private final boolean needsCalibration;

    BundledSpeechModel(String id, String file, boolean needsCalibration) {
        this.id = id;
        this.resource = DIRECTORY + file;
        this.needsCalibration = needsCalibration;
    }

    /** Short name, as the CLI's {@code --bundled} takes it: {@code utterance}, {@code seed-recipe}, {@code speaker-normalised}, {@code robust}. */
    public String id() {
        return id;
    }

    /** Class-path location of the model archive. */
    public String resource() {
        return resource;
    }

    /** True when the model was trained on speaker-normalised input and is only accurate after speaker calibration. */
    public boolean needsCalibration() {
        return needsCalibration;
    }

    /**
     * The model's archive (weights, scaler, provenance).
     *
     * @throws CheckpointException if it is missing from the class path or unreadable
     */
    public ModelArchive read() {
        try (InputStream in = BundledSpeechModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CheckpointException(Path.of(resource), "the bundled speech model " + id + " is missing from the class path");
            }
            return ModelArchive.read(in, Path.of("classpath:" + resource));
        } catch (IOException e) {
            throw new CheckpointException(Path.of(resource), "cannot read the bundled speech model " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model named {@code id} (see {@link #id()}), case-insensitive.
     *
     * @throws IllegalArgumentException naming the known models otherwise
     */
    public static BundledSpeechModel byId(String id) {
        for (BundledSpeechModel m : values()) {
            if (m.id.equals(String.valueOf(id).trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        StringBuilder known = new StringBuilder();
        for (BundledSpeechModel m : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(m.id);
        }
        throw new IllegalArgumentException("no bundled speech model '" + id + "' (bundled: " + known + ")");
    }
}
