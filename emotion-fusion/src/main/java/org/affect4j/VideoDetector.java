package org.affect4j;

import java.nio.file.Path;
import java.util.Objects;
import org.affect4j.core.Clip;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.vision.VideoModel;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.VideoResult;
import org.affect4j.vision.face.FaceDetector;
import org.affect4j.vision.face.LandmarkTrack;

/**
 * A loaded video emotion detector (the seed's EmoNet-LSTM). Thread-safe; {@link #close()} it when done.
 */
public final class VideoDetector implements AutoCloseable {

    private final VideoModel model;

    private VideoDetector(VideoModel model) {
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

    public VideoModel model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }

    /** Says what to load. Defaults reproduce the seed (see {@link VideoOptions#seed()}). */
    public static final class Builder {
        private final VideoSettings video = new VideoSettings();

        Builder() {
        }

        /**
         * OpenCV Haar cascade for clips without landmark files (not bundled: e.g.
         * {@code haarcascade_frontalface_alt2.xml} from OpenCV's {@code data/haarcascades}).
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
