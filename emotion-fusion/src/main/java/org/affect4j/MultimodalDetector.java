package org.affect4j;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.SpeechModelArchive;
import org.affect4j.audio.SpeechTimeline;
import org.affect4j.audio.features.MelFrontend;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.timeline.TimelineProgress;
import org.affect4j.core.timeline.TimelineSink;
import org.affect4j.fusion.ActionUnitFusion;
import org.affect4j.fusion.ActionUnitMultimodalModel;
import org.affect4j.fusion.LateFusion;
import org.affect4j.fusion.MultimodalModel;
import org.affect4j.core.MultimodalResult;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.fusion.timeline.Timeline;
import org.affect4j.vision.au.ActionUnitTrack;
import org.affect4j.vision.face.LandmarkTrack;

/**
 * A loaded multimodal (speech + face video) emotion detector: the bundled speech and face models with a late fusion
 * ({@link Builder#load()}), the seed's trained fusion model ({@link Builder#load(Path, Path)}), or the trained
 * action-unit fusion over an OpenFace CSV ({@link Builder#actionUnits()}). Each face's result keeps the face model's
 * own prediction beside the fused one, and the result keeps the speech prediction (or why there is none).
 * Thread-safe; {@link #close()} it when done.
 */
public final class MultimodalDetector implements AutoCloseable {

    private final MultimodalModel model;
    private final ActionUnitMultimodalModel actionUnits;

    private MultimodalDetector(MultimodalModel model) {
        this.model = model;
        this.actionUnits = null;
    }

    private MultimodalDetector(ActionUnitMultimodalModel actionUnits) {
        this.model = null;
        this.actionUnits = actionUnits;
    }

    /**
     * The seed's window (3 s from 0.5 s) of a video file with sound: one fused prediction per face.
     *
     * @throws IllegalArgumentException for an action-unit detector, which needs the clip's OpenFace CSV
     *                                  ({@link #predict(Clip, Path)})
     */
    public MultimodalResult predict(Clip clip) {
        if (actionUnits != null) {
            throw new IllegalArgumentException("the action-unit detector needs the clip's OpenFace CSV: predict(clip, openFaceCsv)");
        }
        return model.predict(file(clip), null);
    }

    /**
     * As {@link #predict(Clip)}, with the face given by an OpenFace CSV: its landmarks (the seed's RAVDESS road) or, for
     * an {@linkplain Builder#actionUnits() action-unit detector}, its action units — then {@code clip} may be a WAV or
     * a video with sound, and the result holds one face: the action-unit branch's prediction and the fused one.
     *
     * @throws org.affect4j.core.MediaException naming the file when the CSV or the media cannot be used
     */
    public MultimodalResult predict(Clip clip, Path openFaceCsv) {
        Objects.requireNonNull(openFaceCsv, "openFaceCsv");
        if (actionUnits != null) {
            return actionUnits.predict(file(clip), ActionUnitTrack.read(openFaceCsv));
        }
        return model.predict(file(clip), LandmarkTrack.read(openFaceCsv));
    }

    /**
     * The models this detector runs, in words: speech model, face pipeline and fusion (video road), or the trained
     * action-unit fusion with its speech model, window and branch (action-unit road).
     */
    public String describe() {
        if (actionUnits != null) {
            return String.format(java.util.Locale.ROOT, "%s; speech model %s (uncalibrated), window %.1f-%.1f s; action units %s",
                    actionUnits.fusion().describe(), actionUnits.fusion().speechModel(), actionUnits.speechModel().windowOffsets()[0],
                    actionUnits.spanEnd(), actionUnits.fusion().branch());
        }
        boolean bundled = model.videoModel() instanceof org.affect4j.vision.FaceExpressionVideoModel;
        return "speech " + (bundled ? "bundled default" : "seed checkpoint") + ", " + VideoDetector.describe(model.videoModel()) + ", "
                + model.fusion().describe();
    }

    /** Streams a timeline of a long video: one row per 3 s window (every {@code hopSeconds}) and face. */
    public void timeline(Path video, double hopSeconds, TimelineSink sink, Consumer<TimelineProgress> progress) {
        requireVideoModel("timeline");
        timeline(video, model.videoModel().options().windowSeconds(), hopSeconds, sink, progress);
    }

    /** As {@link #timeline(Path, double, TimelineSink, Consumer)} with windows of {@code windowSeconds} (≤ 3 s, padded). */
    public void timeline(Path video, double windowSeconds, double hopSeconds, TimelineSink sink, Consumer<TimelineProgress> progress) {
        requireVideoModel("timeline");
        Timeline.video(model, video, windowSeconds, hopSeconds, sink, progress);
    }

    /** Streams a speech-only timeline of a long WAV (3 s windows every {@code hopSeconds}). */
    public void speechTimeline(Path wav, double hopSeconds, TimelineSink sink, Consumer<TimelineProgress> progress) {
        requireVideoModel("speechTimeline");
        SpeechTimeline.run(model.speechModel(), wav, model.videoModel().options().windowSeconds(), hopSeconds, sink, progress);
    }


    private void requireVideoModel(String what) {
        if (model == null) {
            throw new IllegalStateException(what + " is not available for the action-unit detector (clip-level: predict(clip, openFaceCsv))");
        }
    }

    private static Path file(Clip clip) {
        Objects.requireNonNull(clip, "clip");
        return clip.file().orElseThrow(() -> new IllegalArgumentException("the multimodal detector needs a media file, not PCM: " + clip));
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        } else {
            actionUnits.close();
        }
    }

    /** Says what to load. The window is the seed's (3 s from 0.5 s). */
    public static final class Builder extends VideoBuilder<Builder> {
        private LateFusion lateFusion = LateFusion.EQUAL;
        private boolean actionUnitRoad;
        private Path actionUnitArchive;

        Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Makes {@link #load()} load the bundled trained action-unit fusion (MODEL_CARD.md, "Action-unit fusion") and the
         * speech model it was trained with: faces come as OpenFace action units ({@link MultimodalDetector#predict(Clip,
         * Path)} with the clip's OpenFace CSV), not from the video frames.
         */
        public Builder actionUnits() {
            this.actionUnitRoad = true;
            this.actionUnitArchive = null;
            return this;
        }

        /** As {@link #actionUnits()}, with an action-unit fusion archive trained by {@code affect4j cv-au}. */
        public Builder actionUnits(Path archive) {
            this.actionUnitRoad = true;
            this.actionUnitArchive = Objects.requireNonNull(archive, "archive");
            return this;
        }

        /** Weights of {@link #load()}'s late fusion (default {@link LateFusion#EQUAL}: see there why). */
        public Builder lateFusion(LateFusion fusion) {
            this.lateFusion = Objects.requireNonNull(fusion, "fusion");
            return this;
        }

        /**
         * The bundled models, nothing to download or pass: the bundled speech model (MODEL_CARD.md) on the window's audio,
         * the bundled face pipeline ({@link VideoDetector.Builder#load()}) on its frames, fused per face by
         * {@link LateFusion} over the seven emotions both know. No trained fusion layer: no paired audio-visual
         * training data is reachable. A window without a face gives the speech prediction alone; one without usable
         * audio gives the face predictions alone, with the reason.
         */
        public MultimodalDetector load() {
            if (actionUnitRoad) {
                ActionUnitFusion fusion = actionUnitArchive == null ? ActionUnitFusion.readBundled() : ActionUnitFusion.read(actionUnitArchive);
                return new MultimodalDetector(new ActionUnitMultimodalModel(fusion.loadSpeechModel(video.engine()), fusion));
            }
            SpeechModel speech = SpeechModelArchive.fromArchive(SpeechModelArchive.readDefault(), 32,
                    SpeechModel.DEFAULT_SILENCE_PEAK, video.engine()).withOffset(0.0);
            try {
                return new MultimodalDetector(new MultimodalModel(speech, video.createBundled(), lateFusion));
            } catch (RuntimeException e) {
                speech.close();
                throw e;
            }
        }

        /**
         * Loads the seed's multimodal checkpoint ({@code modelParams-*.pkl} layout: {@code emonet_lstm.*},
         * {@code speech_net.*}, {@code fc.*}) and the speech scaler fitted with it.
         */
        public MultimodalDetector load(Path checkpoint, Path scaler) {
            Objects.requireNonNull(checkpoint, "checkpoint");
            Objects.requireNonNull(scaler, "scaler");
            StateDict all = TorchCheckpoint.loadStateDict(checkpoint);
            for (String prefix : new String[] {"emonet_lstm.", "speech_net."}) {
                if (!all.hasPrefix(prefix)) {
                    throw new CheckpointException(checkpoint, "not a multimodal checkpoint: no '" + prefix + "' tensors");
                }
            }
            SklearnScaler sc = SklearnScaler.read(scaler);
            SpeechModel speech = SpeechModel.create(all.stripPrefix("speech_net."),
                    new SpeechInput(MelFrontend.seed(), sc, 0.0, video.options().windowSeconds()), LabelOrder.SEED_SPEECH, 32,
                    SpeechModel.DEFAULT_SILENCE_PEAK, video.engine());
            FusionNet fusion = FusionNet.create(all);
            return new MultimodalDetector(new MultimodalModel(speech, video.createModel(all), fusion));
        }
    }
}
