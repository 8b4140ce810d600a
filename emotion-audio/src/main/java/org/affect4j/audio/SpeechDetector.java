package org.affect4j.audio;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.affect4j.audio.features.MelFrontend;
import org.affect4j.audio.features.SpeakerCalibration;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.features.SpeechWindow;
import org.affect4j.audio.features.WindowPlacement;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Prediction;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.core.timeline.TimelineProgress;
import org.affect4j.core.timeline.TimelineSink;

/**
 * A loaded speech emotion detector. Immutable and thread-safe: {@link #predict} may be called from many threads
 * at once. Holds native (off-heap) weights: {@link #close()} it when done.
 *
 * <p>Start from {@link #builder()} (or {@code EmotionDetector.speech()} in emotion-fusion, the same builder). Only
 * {@code emotion-audio} is needed for speech: it brings no video decoding or vision natives.
 */
public final class SpeechDetector implements AutoCloseable {

    private final SpeechModel model;
    /** False for calibrated views: they share the network of the detector they came from, which owns it. */
    private final boolean ownsNetwork;

    private SpeechDetector(SpeechModel model) {
        this(model, true);
    }

    private SpeechDetector(SpeechModel model, boolean ownsNetwork) {
        this.model = model;
        this.ownsNetwork = ownsNetwork;
    }

    /** What to load: defaults reproduce the seed's settings; {@link Builder#load()} loads the bundled model. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Speaker calibration, beyond the seed: a detector for one speaker whose log-mel bands are shifted so that the
     * average spectrum of {@code speakerClips} (unlabelled recordings of that speaker, ideally on the same microphone)
     * matches the training speakers' (see {@link SpeakerCalibration}). On RAVDESS, calibrated on 30 clips per actor,
     * it raised the accuracy on unseen test actors in every fold measured; with fewer than
     * {@value SpeakerCalibration#RECOMMENDED_CLIPS} clips it can lower it (README, "Speaker calibration"). Each call
     * fits afresh; the clips are only listened to, never labelled.
     *
     * <p>The returned view shares this detector's network: it is as thread-safe as this one, closing it does
     * nothing, and it stops working when this detector is closed.
     *
     * @throws IllegalArgumentException if {@code speakerClips} is empty
     * @throws org.affect4j.core.SilentAudioException naming the clip if a clip's window is silent
     * @throws org.affect4j.core.MediaException naming the file if a clip cannot be decoded
     */
    public SpeechDetector forSpeaker(List<Clip> speakerClips) {
        return withCalibration(model.fitCalibration(List.copyOf(speakerClips)));
    }

    /** As {@link #forSpeaker} with a calibration fitted before ({@link #fitCalibration}); null = none. */
    public SpeechDetector withCalibration(SpeakerCalibration calibration) {
        return new SpeechDetector(model.withCalibration(calibration), false);
    }

    /** The speaker calibration this detector applies, if any. */
    public java.util.Optional<SpeakerCalibration> calibration() {
        return java.util.Optional.ofNullable(model.input().calibration());
    }

    /** One clip (WAV file or PCM) → emotion probabilities in the seed's label order. */
    public Prediction predict(Clip clip) {
        return model.predict(Objects.requireNonNull(clip, "clip"));
    }

    /** Convenience for {@code predict(Clip.of(wav))}. */
    public Prediction predict(Path wav) {
        return predict(Clip.of(wav));
    }

    /** Several clips; the network runs on them in batches (see {@link Builder#maxBatch(int)}). */
    public List<Prediction> predict(List<Clip> clips) {
        return model.predict(List.copyOf(clips));
    }

    /**
     * Streams a speech timeline of a long WAV: consecutive windows of the model's length (3 s), every
     * {@code hopSeconds}, each analysed from its own start; read from disk one window at a time.
     */
    public void timeline(Path wav, double hopSeconds, TimelineSink sink, java.util.function.Consumer<TimelineProgress> progress) {
        timeline(wav, SpeechWindow.SEED.seconds(), hopSeconds, sink, progress);
    }

    /** As {@link #timeline(Path, double, TimelineSink, java.util.function.Consumer)} with windows of {@code windowSeconds} (≤ 3 s, padded). */
    public void timeline(Path wav, double windowSeconds, double hopSeconds, TimelineSink sink,
                         java.util.function.Consumer<TimelineProgress> progress) {
        SpeechTimeline.run(model.withOffset(0), wav, windowSeconds, hopSeconds, sink, progress);
    }

    /**
     * The part of a clip this detector analyses (with {@link WindowPlacement#FIXED}; other placements move the offset
     * per clip): the model archive's window, or the seed's for a PyTorch checkpoint, with the builder's offset if set.
     */
    public SpeechWindow window() {
        return model.input().window();
    }

    /** What this detector runs: label order, window(s), placement, front end, engine. */
    public SpeechModelInfo info() {
        SpeechInput in = model.input();
        return new SpeechModelInfo(model.labelOrder(), in.window(), java.util.Arrays.stream(model.windowOffsets()).boxed().toList(),
                in.placement(), in.frontend().config(), in.utterance(), in.speakerNormalised(), model.engine());
    }

    /**
     * Fits a speaker calibration on {@code speakerClips} without applying it (see {@link #forSpeaker}, which is
     * {@code withCalibration(fitCalibration(clips))}).
     *
     * @throws IllegalArgumentException if {@code speakerClips} is empty
     * @throws IllegalStateException if the model reads utterance statistics (normalised per clip already)
     */
    public SpeakerCalibration fitCalibration(List<Clip> speakerClips) {
        return model.fitCalibration(List.copyOf(speakerClips));
    }

    /** The model behind this detector (the speech timeline and the multimodal detector run it). */
    SpeechModel model() {
        return model;
    }

    /** Frees the network's native memory; a no-op on a {@link #forSpeaker calibrated view}. */
    @Override
    public void close() {
        if (ownsNetwork) {
            model.close();
        }
    }

    /**
     * Says what to load. Defaults reproduce the seed: window 3 s from 0.5 s, 48 kHz, seed mel parameters, seed label
     * order, batches of 32, silence below a peak of 1e-4.
     */
    public static final class Builder {
        /** The network sees 563 mel frames = 3 s at 48 kHz; the window length is not an option. */
        private double offsetSeconds = SpeechWindow.SEED.offsetSeconds();
        private boolean offsetSet;
        private double[] windowOffsets;
        private boolean labelOrderSet;
        private int maxBatch = 32;
        private float silencePeak = SpeechModel.DEFAULT_SILENCE_PEAK;
        private LabelOrder labelOrder = LabelOrder.SEED_SPEECH;
        private InferenceEngine engine = InferenceEngine.EAGER;
        private WindowPlacement placement;

        Builder() {
        }

        /**
         * Where the 3 s window is cut from a clip (see {@link WindowPlacement}). Default {@link WindowPlacement#FIXED}
         * (the model's offset, the reference behaviour every measured number uses). {@link WindowPlacement#AUTO} keeps
         * that window unless it would miss more than 10 % of the clip's speech (a 30 s file, a clip whose speech starts
         * at once), then takes the most speech-active 3 s; its accuracy has not been measured yet. Every speech
         * {@link Prediction} says which part of the clip it scored ({@link Prediction#span()}).
         *
         * @throws IllegalStateException at load when combined with {@link #windowOffsets} or {@link #offsetSeconds}
         *                               (other than {@code FIXED})
         */
        public Builder windowPlacement(WindowPlacement placement) {
            this.placement = Objects.requireNonNull(placement, "placement");
            return this;
        }

        /**
         * How the network is executed: {@link InferenceEngine#EAGER} (default; op by op on ND4J, fastest) or
         * {@link InferenceEngine#SAMEDIFF} (the reference SameDiff graph). Both give the seed's logits within
         * float rounding (see the README's parity numbers).
         */
        public Builder engine(InferenceEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** Where the analysed window starts in the audio (seed: 0.5 s). */
        public Builder offsetSeconds(double seconds) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("offset must be >= 0, got " + seconds);
            }
            this.offsetSeconds = seconds;
            this.offsetSet = true;
            return this;
        }

        /**
         * Test-time window averaging, beyond the seed: each clip is analysed in 3 s windows starting at every one of
         * {@code seconds} and the windows' logits are averaged (see {@link SpeechModel#withWindowOffsets}). Silent
         * windows (e.g. past the clip's end) are left out. Not combinable with {@link #offsetSeconds}. Default: one
         * window from the model's own offset (the seed: 0.5 s). Timelines always analyse one window per step.
         */
        public Builder windowOffsets(double... seconds) {
            Objects.requireNonNull(seconds, "seconds");
            if (seconds.length < 1 || seconds.length > SpeechModel.MAX_WINDOWS) {
                throw new IllegalArgumentException("give 1.." + SpeechModel.MAX_WINDOWS + " window offsets, got " + seconds.length);
            }
            this.windowOffsets = seconds.clone();
            return this;
        }

        /** Largest network batch for {@link SpeechDetector#predict(List)}. */
        public Builder maxBatch(int maxBatch) {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
            }
            this.maxBatch = maxBatch;
            return this;
        }

        /** Peak amplitude at or below which a window counts as silent and is refused (0 = only digital silence). */
        public Builder silenceThreshold(float peak) {
            if (!(peak >= 0)) {
                throw new IllegalArgumentException("silence threshold must be >= 0");
            }
            this.silencePeak = peak;
            return this;
        }

        /**
         * Label order of a PyTorch checkpoint's outputs (seed speech order by default). Affect4J model archives carry
         * their own order; loading one whose order differs from an order set here fails.
         */
        public Builder labelOrder(LabelOrder order) {
            this.labelOrder = Objects.requireNonNull(order, "order");
            this.labelOrderSet = true;
            return this;
        }

        /**
         * Loads the speech model bundled with the library as its default, {@link BundledSpeechModel#DEFAULT}: the
         * utterance model trained by this project (RAVDESS actors 05–24 and Emo-DB; tested on the unseen actors 01–04
         * at 48 kHz, 16 kHz, telephone band and on 2 s clips; see MODEL_CARD.md). No file or download is needed. Its label
         * order and input window (0–6 s, placed on the speech: {@link WindowPlacement#AUTO}) come with it;
         * {@link #offsetSeconds} overrides the window start when set.
         */
        public SpeechDetector load() {
            return fromArchive(SpeechModelArchive.readDefault());
        }

        /**
         * Loads one of the speech models bundled in the jar (see {@link BundledSpeechModel} and MODEL_CARD.md);
         * {@code load()} is {@code load(BundledSpeechModel.DEFAULT)}. A model that
         * {@linkplain BundledSpeechModel#needsCalibration() needs calibration} should be used through
         * {@link SpeechDetector#forSpeaker}: uncalibrated it is less accurate than the default.
         */
        public SpeechDetector load(BundledSpeechModel model) {
            Objects.requireNonNull(model, "model");
            return fromArchive(model.read());
        }

        /**
         * Loads a speech model saved in Affect4J's own format (e.g. {@code best-model.zip} written by
         * {@code affect4j train}).
         *
         * @throws org.affect4j.core.CheckpointException naming the file if it cannot be read or does not fit
         */
        public SpeechDetector load(Path affect4jModel) {
            Objects.requireNonNull(affect4jModel, "affect4jModel");
            return fromArchive(org.affect4j.core.checkpoint.ModelArchive.read(affect4jModel));
        }

        private SpeechDetector fromArchive(org.affect4j.core.checkpoint.ModelArchive archive) {
            SpeechModel m = SpeechModelArchive.fromArchive(archive, maxBatch, silencePeak, engine);
            if (labelOrderSet && !m.labelOrder().emotions().equals(labelOrder.emotions())) {
                m.close();
                throw new IllegalStateException("the model " + archive.source() + " has label order " + m.labelOrder()
                        + ", the builder was told " + labelOrder);
            }
            // an utterance model reads a whole utterance: by default its window goes where the speech is (AUTO: the
            // archive's window unless that misses more than 10 % of the clip's speech); the seed's network keeps its fixed window
            WindowPlacement byDefault = m.input().utterance() ? WindowPlacement.AUTO : WindowPlacement.FIXED;
            return new SpeechDetector(placed(windowed(offsetSet ? m.withOffset(offsetSeconds) : m), byDefault));
        }

        /** {@code m} with the builder's placement, or {@code byDefault} when none was set (fixed when an offset was given). */
        private SpeechModel placed(SpeechModel m, WindowPlacement byDefault) {
            if (placement != null && placement != WindowPlacement.FIXED && (offsetSet || windowOffsets != null)) {
                m.close();
                throw new IllegalStateException("windowPlacement " + placement + " cannot be combined with "
                        + (offsetSet ? "offsetSeconds" : "windowOffsets") + ", which fix where the windows start");
            }
            WindowPlacement p = placement != null ? placement : (offsetSet || windowOffsets != null ? WindowPlacement.FIXED : byDefault);
            return p == WindowPlacement.FIXED ? m : m.withWindowPlacement(p);
        }

        private SpeechModel windowed(SpeechModel m) {
            if (windowOffsets == null) {
                return m;
            }
            if (offsetSet) {
                m.close();
                throw new IllegalStateException("offsetSeconds and windowOffsets were both set: give the window starts in windowOffsets only");
            }
            try {
                return m.withWindowOffsets(windowOffsets);
            } catch (IllegalArgumentException e) {
                m.close();
                throw e;
            }
        }

        /**
         * Loads a PyTorch checkpoint of the seed's speech network (legacy or zip; a bare state dict, a
         * {@code {'state_dict': ...}} wrapper, or the seed's multimodal checkpoint, whose {@code speech_net.} part is
         * used) and the scikit-learn StandardScaler pickle fitted with it.
         *
         * @throws org.affect4j.core.CheckpointException naming the file if either cannot be read or does not fit
         */
        public SpeechDetector load(Path checkpoint, Path scaler) {
            Objects.requireNonNull(checkpoint, "checkpoint");
            Objects.requireNonNull(scaler, "scaler");
            var weights = TorchCheckpoint.loadStateDict(checkpoint);
            if (!weights.contains("out_linear.weight") && weights.hasPrefix("speech_net.")) {
                weights = weights.stripPrefix("speech_net.");
            }
            SpeechInput input = SpeechInput.of(MelFrontend.seed(), SklearnScaler.read(scaler), SpeechWindow.SEED.withOffset(offsetSeconds));
            return new SpeechDetector(placed(windowed(SpeechModel.create(weights, input, labelOrder, maxBatch, silencePeak, engine)),
                    WindowPlacement.FIXED));
        }
    }
}
