package org.affect4j;

import java.nio.file.Path;
import java.util.Objects;
import org.affect4j.core.Clip;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.vision.FaceExpressionVideoModel;
import org.affect4j.vision.VideoAnalyser;
import org.affect4j.vision.VideoModel;
import org.affect4j.vision.expression.FaceModel;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.VideoResult;
import org.affect4j.vision.face.FaceDetector;
import org.affect4j.vision.face.LandmarkTrack;

/**
 * A loaded video emotion detector: the bundled per-frame face model ({@link Builder#load()}: TinyFaceDetector,
 * face-api.js's expression net on landmark-aligned crops, one prediction per tracked face) or the seed's EmoNet-LSTM
 * ({@link Builder#load(Path)}). Thread-safe; {@link #close()} it when done.
 */
public final class VideoDetector implements AutoCloseable {

    private final VideoAnalyser model;

    private VideoDetector(VideoAnalyser model) {
        this.model = model;
    }

    /** One result per face found in the clip's window (detector path). */
    public VideoResult predict(Clip clip) {
        return model.predict(file(clip));
    }

    /** The face described by an OpenFace landmark CSV of this clip (the seed's RAVDESS path). */
    public VideoResult predict(Clip clip, Path landmarksCsv) {
        return model.predict(file(clip), LandmarkTrack.read(landmarksCsv));
    }

    private static Path file(Clip clip) {
        Objects.requireNonNull(clip, "clip");
        return clip.file().orElseThrow(() -> new IllegalArgumentException("the video detector needs a video file, not PCM: " + clip));
    }

    /** The model behind the detector: a {@link org.affect4j.vision.FaceExpressionVideoModel} or a {@link VideoModel}. */
    public VideoAnalyser model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }

    /** Says what to load. The window defaults to the seed's (see {@link VideoOptions#seed()}: 3 s from 0.5 s). */
    public static final class Builder {
        private final VideoSettings video = new VideoSettings();

        Builder() {
        }

        /**
         * Which bundled face-expression net {@link #load()} uses: {@link FaceModel#FACE_API_EXPRESSION} (default, the
         * better one measured: MODEL_CARD.md) or {@link FaceModel#HUMAN_EMOTION}.
         */
        public Builder faceModel(FaceModel model) {
            video.faceModel(model);
            return this;
        }

        /** Crop fed to the bundled expression net: landmark-aligned (default, measured better) or the detector box. */
        public Builder cropStyle(FaceExpressionVideoModel.CropStyle style) {
            video.cropStyle(style);
            return this;
        }

        /**
         * The bundled face pipeline, nothing to download or pass: faces found by the bundled TinyFaceDetector and
         * tracked, each frame's landmark-aligned crop classified by the bundled expression net, per face the
         * per-frame probabilities ({@link org.affect4j.vision.FaceResult#frames()}) and a clip prediction (mean of the
         * frames' log-probabilities). Seven emotions (no calm).
         */
        public VideoDetector load() {
            return new VideoDetector(video.createBundled());
        }

        /**
         * OpenCV Haar cascade for the EmoNet-LSTM road (not bundled: e.g. {@code haarcascade_frontalface_alt2.xml} from
         * OpenCV's {@code data/haarcascades}). Without it, {@link #load(Path)} finds faces with the bundled detector and
         * landmark net.
         */
        public Builder faceDetector(Path haarCascadeXml) {
            video.haarCascade(haarCascadeXml);
            return this;
        }

        /** Any detector implementation (closed with the video detector). */
        public Builder faceDetector(FaceDetector detector) {
            video.detector(detector);
            return this;
        }

        /** BGR (the seed, default) or RGB (what EmoNet was trained on) input planes. */
        public Builder channelOrder(VideoOptions.ChannelOrder order) {
            video.options(video.options().withChannelOrder(order));
            return this;
        }

        /** Run EmoNet on every k-th face frame and hold its output (1 = every frame, the seed). */
        public Builder emonetStride(int k) {
            video.options(video.options().withEmonetStride(k));
            return this;
        }

        /**
         * How EmoNet is executed: {@link org.affect4j.core.nn.InferenceEngine#EAGER} (default, fastest) or
         * {@code SAMEDIFF} (the reference graph); same outputs within float rounding.
         */
        public Builder engine(org.affect4j.core.nn.InferenceEngine engine) {
            video.engine(engine);
            return this;
        }

        /** Frames per EmoNet batch (memory vs. speed). */
        public Builder frameBatch(int n) {
            video.options(video.options().withFrameBatch(n));
            return this;
        }

        public Builder options(VideoOptions options) {
            video.options(options);
            return this;
        }

        /**
         * Loads the seed's EmoNet-LSTM checkpoint ({@code net.*}, {@code rnns.*}, {@code fc.*}, optionally under
         * {@code emonet_lstm.} as in the multimodal checkpoint).
         */
        public VideoDetector load(Path checkpoint) {
            Objects.requireNonNull(checkpoint, "checkpoint");
            return new VideoDetector(video.createModel(TorchCheckpoint.loadStateDict(checkpoint)));
        }
    }
}
