package org.affect4j.audio.features;

import java.util.Objects;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.Resampler;
import org.affect4j.core.checkpoint.SklearnScaler;

/**
 * The seed's speech pre-processing, one stage after the other: cut the window (default 3 s from 0.5 s, at the
 * file's own rate, as {@code librosa.load(offset, duration)} does), resample to the front end's rate, zero-pad to
 * the window length, log-mel spectrogram, then the per-feature scaler. Optionally (beyond the seed) a
 * {@link SpeakerCalibration} shifts the log-mel bands before the scaler. Immutable and thread-safe.
 */
public final class SpeechInput {

    /** Features produced for one clip: the scaled (nMels × frames) input plus how much of the window was real audio. */
    public record Features(float[] scaled, int nMels, int frames, double realSeconds, double windowSeconds) {
    }

    private final MelFrontend frontend;
    private final SklearnScaler scaler;
    private final double offsetSeconds;
    private final double windowSeconds;
    /** Null = none (the seed). */
    private final SpeakerCalibration calibration;
    /** Band means a speaker-normalised model was trained with; null = derive them from the scaler. */
    private final double[] calibrationTarget;
    private final WindowPlacement placement;
    /** Null = the network reads the (scaled) log-mel matrix; else it reads these statistics of it (scaled). */
    private final UtteranceStatistics statistics;

    public SpeechInput(MelFrontend frontend, SklearnScaler scaler, double offsetSeconds, double windowSeconds) {
        this(frontend, scaler, offsetSeconds, windowSeconds, null, null, WindowPlacement.FIXED, null);
    }

    /**
     * The utterance front end (beyond the seed): the window from {@code offsetSeconds}, {@code windowSeconds} long, at
     * 8 kHz, its log-mel over the telephone band ({@link MelConfig#utterance()}) and {@link UtteranceStatistics} of it,
     * standardised by {@code scaler} ({@link UtteranceStatistics#SIZE} features).
     */
    public static SpeechInput utterance(SklearnScaler scaler, double offsetSeconds, double windowSeconds) {
        Objects.requireNonNull(scaler, "scaler");
        return new SpeechInput(new MelFrontend(MelConfig.utterance()), scaler, offsetSeconds, windowSeconds, null, null,
                WindowPlacement.FIXED, new UtteranceStatistics(MelConfig.utterance()));
    }

    private SpeechInput(MelFrontend frontend, SklearnScaler scaler, double offsetSeconds, double windowSeconds,
                        SpeakerCalibration calibration, double[] calibrationTarget, WindowPlacement placement,
                        UtteranceStatistics statistics) {
        this.statistics = statistics;
        if (statistics != null && calibration != null) {
            throw new IllegalArgumentException("speaker calibration applies to log-mel models, not to the utterance front end");
        }
        this.placement = Objects.requireNonNull(placement, "placement");
        this.frontend = Objects.requireNonNull(frontend, "frontend");
        this.scaler = scaler;
        if (offsetSeconds < 0 || windowSeconds <= 0) {
            throw new IllegalArgumentException("offset must be >= 0 and window > 0");
        }
        this.offsetSeconds = offsetSeconds;
        this.windowSeconds = windowSeconds;
        int expect = featureCount();
        if (scaler != null && scaler.features() != expect) {
            throw new IllegalArgumentException("scaler has " + scaler.features() + " features but the front end produces "
                    + (statistics != null ? expect + " utterance statistics"
                    : frontend.config().nMels() + " x " + frontend.frames(windowSamples()) + " = " + expect));
        }
        if (calibration != null && calibration.nMels() != frontend.config().nMels()) {
            throw new IllegalArgumentException("calibration has " + calibration.nMels() + " bands, the front end "
                    + frontend.config().nMels());
        }
        this.calibration = calibration;
        if (calibrationTarget != null && calibrationTarget.length != frontend.config().nMels()) {
            throw new IllegalArgumentException("calibration target has " + calibrationTarget.length + " bands, the front end "
                    + frontend.config().nMels());
        }
        this.calibrationTarget = calibrationTarget;
    }

    /** The seed: 0.5 s offset, 3 s window, seed mel front end, the given scaler (nullable = no scaling). */
    public static SpeechInput seed(SklearnScaler scaler) {
        return of(MelFrontend.seed(), scaler, SpeechWindow.SEED);
    }

    /**
     * The seed's pipeline on {@code frontend} over {@code window}.
     *
     * @throws IllegalArgumentException if the window's rate is not the front end's
     */
    public static SpeechInput of(MelFrontend frontend, SklearnScaler scaler, SpeechWindow window) {
        if (window.sampleRate() != frontend.config().sampleRate()) {
            throw new IllegalArgumentException("window at " + window.sampleRate() + " Hz, front end at " + frontend.config().sampleRate() + " Hz");
        }
        return new SpeechInput(frontend, scaler, window.offsetSeconds(), window.seconds());
    }

    /**
     * The same pipeline with the window starting at {@code seconds} (0 = analyse the input from its start), placed
     * there whatever the clip holds ({@link WindowPlacement#FIXED}).
     */
    public SpeechInput withOffset(double seconds) {
        return new SpeechInput(frontend, scaler, seconds, windowSeconds, calibration, calibrationTarget, WindowPlacement.FIXED, statistics);
    }

    /**
     * The same pipeline with the window placed by {@code placement}; {@link WindowPlacement#FIXED} uses
     * {@link #offsetSeconds()}, the others look for the speech ({@link #offsetFor}).
     */
    public SpeechInput withPlacement(WindowPlacement placement) {
        return new SpeechInput(frontend, scaler, offsetSeconds, windowSeconds, calibration, calibrationTarget, placement, statistics);
    }

    public WindowPlacement placement() {
        return placement;
    }

    /**
     * Where the window starts in {@code signal} (seconds): {@link #offsetSeconds()} when the placement is
     * {@link WindowPlacement#FIXED}, the most speech-active window's start for {@link WindowPlacement#SPEECH_ACTIVE},
     * and for {@link WindowPlacement#AUTO} the fixed offset unless that window would miss more than 10 % of the
     * clip's speech.
     */
    public double offsetFor(AudioSignal signal) {
        if (placement == WindowPlacement.FIXED) {
            return offsetSeconds;
        }
        SpeechActivity activity = SpeechActivity.of(signal);
        if (placement == WindowPlacement.AUTO) {
            int all = activity.activeFrames();
            if (all == 0 || activity.activeFramesIn(offsetSeconds, windowSeconds) >= WindowPlacement.KEEP_FIXED_FRACTION * all) {
                return offsetSeconds;
            }
        }
        return activity.bestWindowStart(windowSeconds);
    }

    /**
     * The same pipeline with a speaker calibration applied to the log-mel bands before the scaler (null = none,
     * the seed's pipeline).
     */
    public SpeechInput withCalibration(SpeakerCalibration calibration) {
        return new SpeechInput(frontend, scaler, offsetSeconds, windowSeconds, calibration, calibrationTarget, placement, statistics);
    }

    /**
     * The same pipeline for a model trained on speaker-normalised input: {@code targetDb} holds the band means
     * (dB) every training speaker was moved to, which {@link SpeakerCalibration}s for this model must aim at.
     */
    public SpeechInput withCalibrationTarget(double[] targetDb) {
        Objects.requireNonNull(targetDb, "targetDb");
        for (double v : targetDb) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("calibration target must be finite, got " + v);
            }
        }
        return new SpeechInput(frontend, scaler, offsetSeconds, windowSeconds, calibration, targetDb.clone(), placement, statistics);
    }

    /** Whether the model was trained on speaker-normalised input (it then expects a {@link #calibration()}). */
    public boolean speakerNormalised() {
        return calibrationTarget != null;
    }

    /**
     * The band means (dB) a speaker calibration moves a speaker to: those the model was trained with when it was
     * trained on speaker-normalised input, else the training windows' band means recovered from the scaler.
     *
     * @throws IllegalStateException when there is neither (no scaler)
     */
    public double[] calibrationTargetDb() {
        if (calibrationTarget != null) {
            return calibrationTarget.clone();
        }
        if (scaler == null) {
            throw new IllegalStateException("speaker calibration needs a model with a scaler or a calibration target");
        }
        return SpeakerCalibration.populationMeans(scaler, nMels(), frames());
    }

    /** The speaker calibration, or null when there is none (the seed). */
    public SpeakerCalibration calibration() {
        return calibration;
    }

    public double offsetSeconds() {
        return offsetSeconds;
    }

    /** Length of the analysed window in seconds (the seed's 3 s). */
    public double windowSeconds() {
        return windowSeconds;
    }

    public int windowSamples() {
        return window().samples();
    }

    /** The analysed window (offset, length, the front end's rate): what a model archive stores for this input. */
    public SpeechWindow window() {
        return new SpeechWindow(offsetSeconds, windowSeconds, frontend.config().sampleRate());
    }

    public int nMels() {
        return frontend.config().nMels();
    }

    public int frames() {
        return frontend.frames(windowSamples());
    }

    /** Whether the network reads {@link UtteranceStatistics} (the utterance front end) rather than the log-mel matrix. */
    public boolean utterance() {
        return statistics != null;
    }

    /** Number of values the network reads per window: the statistics' size, or nMels × frames. */
    public int featureCount() {
        return statistics != null ? statistics.size() : frontend.config().nMels() * frontend.frames(windowSamples());
    }

    /**
     * What the network reads for one padded window: the scaled log-mel matrix ({@link #scale}({@link #melDb})), or for
     * the utterance front end the scaled {@link UtteranceStatistics} of it.
     */
    public float[] networkInput(float[] window) {
        double[] mel = melDb(window);
        if (statistics == null) {
            return scale(mel);
        }
        double[] s = scaler.transform(statistics.of(mel, window));
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (float) s[i];
        }
        return out;
    }

    /** The unscaled utterance statistics of a padded window (the utterance front end only; for fitting its scaler). */
    public double[] statistics(float[] window) {
        if (statistics == null) {
            throw new IllegalStateException("this input reads the log-mel matrix, not utterance statistics");
        }
        return statistics.of(melDb(window), window);
    }

    /** The scaler (null when the pipeline does not scale). */
    public SklearnScaler scaler() {
        return scaler;
    }

    public MelFrontend frontend() {
        return frontend;
    }

    /** Window samples at the front end's rate, zero-padded to {@link #windowSamples()} (the seed's {@code signal}). */
    public float[] window(AudioSignal signal) {
        return windowAt(signal, offsetFor(signal));
    }

    /** As {@link #window(AudioSignal)} for a window starting at {@code offset} seconds. */
    public float[] windowAt(AudioSignal signal, double offset) {
        AudioSignal cut = Resampler.resample(signal.slice(offset, windowSeconds), frontend.config().sampleRate());
        float[] padded = new float[windowSamples()];
        int n = Math.min(cut.length(), padded.length);
        for (int i = 0; i < n; i++) {
            padded[i] = cut.sample(i);
        }
        return padded;
    }

    /** Number of real (non-padding) samples the window would hold for {@code signal}. */
    public int realSamples(AudioSignal signal) {
        return realSamplesAt(signal, offsetFor(signal));
    }

    /** As {@link #realSamples(AudioSignal)} for a window starting at {@code offset} seconds. */
    public int realSamplesAt(AudioSignal signal, double offset) {
        long start = Math.round(signal.sampleRate() * offset);
        long len = Math.round(signal.sampleRate() * windowSeconds);
        long real = Math.max(0, Math.min(signal.length() - start, len));
        return (int) Math.min(windowSamples(), Math.round(real * (double) frontend.config().sampleRate() / signal.sampleRate()));
    }

    /** Log-mel (dB) of the padded window, row-major [nMels][frames], before scaling. */
    public double[] melDb(float[] window) {
        if (window.length != windowSamples()) {
            throw new IllegalArgumentException("window must have " + windowSamples() + " samples, got " + window.length);
        }
        return frontend.powerToDb(frontend.melPower(window));
    }

    /**
     * Applies the speaker calibration (if any), then the scaler (if any), to a mel-dB matrix and rounds to float32,
     * as the seed's FloatTensor does.
     */
    public float[] scale(double[] melDb) {
        double[] calibrated = calibration == null ? melDb : calibration.apply(melDb);
        double[] s = scaler == null ? calibrated : scaler.transform(calibrated);
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (float) s[i];
        }
        return out;
    }

    /** All stages for one signal. */
    public Features features(AudioSignal signal) {
        double offset = offsetFor(signal);
        float[] scaled = networkInput(windowAt(signal, offset));
        return new Features(scaled, statistics != null ? 1 : nMels(), statistics != null ? scaled.length : frames(), realSamplesAt(signal, offset) / (double) frontend.config().sampleRate(),
                windowSeconds);
    }
}
