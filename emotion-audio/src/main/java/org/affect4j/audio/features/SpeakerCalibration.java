package org.affect4j.audio.features;

import java.util.List;
import java.util.Objects;
import org.affect4j.core.checkpoint.SklearnScaler;

/**
 * Per-speaker calibration of the speech features, beyond the seed: one offset per mel band (dB) that moves a
 * speaker's average log-mel spectrum onto the training population's, added to every frame before the scaler —
 * cepstral mean normalisation done in the mel domain. It removes what a speaker's voice and microphone add to
 * every clip, which a network trained on 16 actors has not learned to ignore.
 *
 * <p>Fitted from unlabelled clips of one speaker ({@link #fit}): {@code offset[b] = populationMean[b] −
 * speakerMean[b]}, where {@code speakerMean[b]} is band b's mean over all frames of the calibration windows and
 * {@code populationMean[b]} is the mean over frames of the scaler's per-feature means for band b (the training
 * windows' mean, recovered from the scaler without the training data). After calibration, the calibration
 * windows' mean in each band equals the population's.
 *
 * <p>The clips should cover the speaker's usual range of expression: calibrating on, say, only angry clips moves
 * the speaker's average towards anger and the model's predictions away from it.
 *
 * <p>Immutable and thread-safe.
 */
public final class SpeakerCalibration {

    /**
     * Clips needed for most of calibration's gain on RAVDESS (README, "Speaker calibration"): with 1–2 clips the
     * offsets are noisy and accuracy fell below the uncalibrated model's in most folds, with 8 it rose in every fold,
     * most of the gain came with 16. Fewer are accepted, with a logged warning.
     */
    public static final int RECOMMENDED_CLIPS = 16;

    private final double[] offsetsDb;
    private final int clips;

    private SpeakerCalibration(double[] offsetsDb, int clips) {
        this.offsetsDb = offsetsDb;
        this.clips = clips;
    }

    /**
     * Fits the offsets from the log-mel (dB) matrices of one speaker's analysis windows, before scaling.
     *
     * @param scaler the model's scaler, {@code nMels × frames} features, row-major by band
     * @param melDb  at least one matrix of {@code nMels × frames} values (row-major, as {@link SpeechInput#melDb})
     * @throws IllegalArgumentException if no matrix is given, a matrix has the wrong size, or a value is not finite
     */
    public static SpeakerCalibration fit(SklearnScaler scaler, int nMels, int frames, List<double[]> melDb) {
        Objects.requireNonNull(scaler, "scaler");
        if (nMels < 1 || frames < 1 || scaler.features() != (long) nMels * frames) {
            throw new IllegalArgumentException("scaler has " + scaler.features() + " features, not " + nMels + " x " + frames);
        }
        return fit(populationMeans(scaler, nMels, frames), frames, melDb);
    }

    /**
     * As {@link #fit(SklearnScaler, int, int, List)} towards given band means ({@code targetDb}, one per mel band):
     * those a speaker-normalised model was trained with ({@link SpeechInput#calibrationTargetDb()}).
     */
    public static SpeakerCalibration fit(double[] targetDb, int frames, List<double[]> melDb) {
        Objects.requireNonNull(targetDb, "targetDb");
        Objects.requireNonNull(melDb, "melDb");
        int nMels = targetDb.length;
        if (nMels < 1 || frames < 1) {
            throw new IllegalArgumentException("need at least one band and one frame");
        }
        if (melDb.isEmpty()) {
            throw new IllegalArgumentException("speaker calibration needs at least one clip");
        }
        double[] speaker = new double[nMels];
        for (double[] m : melDb) {
            Objects.requireNonNull(m, "melDb matrix");
            if (m.length != nMels * frames) {
                throw new IllegalArgumentException("a mel matrix has " + m.length + " values, expected " + nMels + " x " + frames);
            }
            for (int b = 0; b < nMels; b++) {
                double sum = 0;
                for (int f = b * frames, end = f + frames; f < end; f++) {
                    sum += m[f];
                }
                if (!Double.isFinite(sum)) {
                    throw new IllegalArgumentException("a mel matrix holds a non-finite value in band " + b);
                }
                speaker[b] += sum / frames;
            }
        }
        double[] offsets = new double[nMels];
        for (int b = 0; b < nMels; b++) {
            offsets[b] = targetDb[b] - speaker[b] / melDb.size();
            if (!Double.isFinite(offsets[b])) {
                throw new IllegalArgumentException("target band mean " + b + " is not finite: " + targetDb[b]);
            }
        }
        return new SpeakerCalibration(offsets, melDb.size());
    }

    /** Band b's mean over frames of the scaler's means: the training windows' mean log-mel level of band b. */
    public static double[] populationMeans(SklearnScaler scaler, int nMels, int frames) {
        double[] mean = scaler.mean();
        double[] out = new double[nMels];
        for (int b = 0; b < nMels; b++) {
            double sum = 0;
            for (int f = b * frames, end = f + frames; f < end; f++) {
                sum += mean[f];
            }
            out[b] = sum / frames;
        }
        return out;
    }

    /** A calibration from given offsets (e.g. stored with a speaker profile); one finite value per mel band. */
    public static SpeakerCalibration ofOffsets(double[] offsetsDb, int clips) {
        Objects.requireNonNull(offsetsDb, "offsetsDb");
        if (offsetsDb.length < 1 || clips < 1) {
            throw new IllegalArgumentException("need at least one band and one clip");
        }
        for (double v : offsetsDb) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("offsets must be finite, got " + v);
            }
        }
        return new SpeakerCalibration(offsetsDb.clone(), clips);
    }

    /** The offset of each mel band in dB (a copy). */
    public double[] offsetsDb() {
        return offsetsDb.clone();
    }

    public int nMels() {
        return offsetsDb.length;
    }

    /** How many clips the offsets were fitted from. */
    public int clips() {
        return clips;
    }

    /** A calibrated copy of a row-major {@code nMels × frames} log-mel matrix. */
    public double[] apply(double[] melDb) {
        Objects.requireNonNull(melDb, "melDb");
        if (melDb.length % offsetsDb.length != 0) {
            throw new IllegalArgumentException("a mel matrix of " + melDb.length + " values does not have " + offsetsDb.length + " bands");
        }
        int frames = melDb.length / offsetsDb.length;
        double[] out = new double[melDb.length];
        for (int b = 0; b < offsetsDb.length; b++) {
            double o = offsetsDb[b];
            for (int f = b * frames, end = f + frames; f < end; f++) {
                out[f] = melDb[f] + o;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : offsetsDb) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return String.format(java.util.Locale.ROOT, "SpeakerCalibration[%d bands, %d clips, offsets %.1f..%.1f dB]",
                offsetsDb.length, clips, min, max);
    }
}
