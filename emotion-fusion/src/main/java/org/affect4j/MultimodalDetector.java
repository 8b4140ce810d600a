package org.affect4j;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.features.MelFrontend;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.fusion.MultimodalModel;
import org.affect4j.fusion.MultimodalResult;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.fusion.timeline.Timeline;
import org.affect4j.fusion.timeline.TimelineSink;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.face.FaceDetector;
import org.affect4j.vision.face.LandmarkTrack;

/**
 * A loaded multimodal (speech + face video) emotion detector: the seed's fusion model. Thread-safe;
 * {@link #close()} it when done.
 */
public final class MultimodalDetector implements AutoCloseable {

    private final MultimodalModel model;

    private MultimodalDetector(MultimodalModel model) {
        this.model = model;
    }

    /** The seed's window (3 s from 0.5 s) of a video file with sound: one fused prediction per face. */
    public MultimodalResult predict(Clip clip) {
        return model.predict(file(clip), null);
    }

    /** As {@link #predict(Clip)}, with the face given by an OpenFace landmark CSV (the seed's RAVDESS path). */
    public MultimodalResult predict(Clip clip, Path landmarksCsv) {
        return model.predict(file(clip), LandmarkTrack.read(landmarksCsv));
    }

    /** Streams a timeline of a long video: one row per 3 s window (every {@code hopSeconds}) and face. */
    public void timeline(Path video, double hopSeconds, TimelineSink sink, Consumer<Timeline.Progress> progress) {
        timeline(video, model.videoModel().options().windowSeconds(), hopSeconds, sink, progress);
    }

    /** As {@link #timeline(Path, double, TimelineSink, Consumer)} with windows of {@code windowSeconds} (≤ 3 s, padded). */
    public void timeline(Path video, double windowSeconds, double hopSeconds, TimelineSink sink, Consumer<Timeline.Progress> progress) {
        Timeline.video(model, video, windowSeconds, hopSeconds, sink, progress);
    }

    /** Streams a speech-only timeline of a long WAV (3 s windows every {@code hopSeconds}). */
    public void speechTimeline(Path wav, double hopSeconds, TimelineSink sink, Consumer<Timeline.Progress> progress) {
        Timeline.speech(model.speechModel(), wav, model.videoModel().options().windowSeconds(), hopSeconds, sink, progress);
    }

    public MultimodalModel model() {
        return model;
    }

    private static Path file(Clip clip) {
        Objects.requireNonNull(clip, "clip");
        return clip.file().orElseThrow(() -> new IllegalArgumentException("the multimodal detector needs a media file, not PCM: " + clip));
    }

    @Override
    public void close() {
        model.close();
    }

    /** Says what to load. Defaults reproduce the seed. */
    public static final class Builder {
        private final VideoSettings video = new VideoSettings();

        Builder() {
        }

        /** OpenCV Haar cascade XML for videos without landmark files (not bundled). */
        public Builder faceDetector(Path haarCascadeXml) {
            video.haarCascade(haarCascadeXml);
            return this;
        }

        public Builder faceDetector(FaceDetector detector) {
            video.detector(detector);
            return this;
        }

        public Builder channelOrder(VideoOptions.ChannelOrder order) {
            video.options(video.options().withChannelOrder(order));
            return this;
        }

        /** Run EmoNet on every k-th face frame and hold its output (1 = every frame, the seed). */
        public Builder emonetStride(int k) {
            video.options(video.options().withEmonetStride(k));
            return this;
        }

        public Builder frameBatch(int n) {
            video.options(video.options().withFrameBatch(n));
            return this;
        }

        /**
         * How the speech network and EmoNet are executed: {@link org.affect4j.core.nn.InferenceEngine#EAGER}
         * (default, fastest) or {@code SAMEDIFF} (the reference graphs); same outputs within float rounding.
         */
        public Builder engine(org.affect4j.core.nn.InferenceEngine engine) {
            video.engine(engine);
            return this;
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
