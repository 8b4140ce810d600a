package org.affect4j;

import java.nio.file.Path;
import java.util.Objects;
import org.affect4j.core.Clip;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.vision.FaceExpressionVideoModel;
import org.affect4j.vision.VideoAnalyser;
import org.affect4j.vision.VideoOptions;
import org.affect4j.core.VideoResult;
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

    /**
     * The models this detector runs, in words: the bundled per-frame face pipeline (its face model and crops) or the
     * seed's EmoNet-LSTM.
     */
    public String describe() {
        return describe(model);
    }

    /** {@code model}'s face pipeline in words (shared with the multimodal detector's description). */
    static String describe(VideoAnalyser model) {
        return model instanceof FaceExpressionVideoModel m
                ? "face " + m.faceModel().id() + " (" + m.cropStyle().name().toLowerCase(java.util.Locale.ROOT) + " crops, bundled TinyFaceDetector)"
                : "face EmoNet-LSTM (seed checkpoint)";
    }

    @Override
    public void close() {
        model.close();
    }

    /** Says what to load. The window defaults to the seed's (see {@link VideoOptions#seed()}: 3 s from 0.5 s). */
    public static final class Builder extends VideoBuilder<Builder> {

        Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The bundled face pipeline, nothing to download or pass: faces found by the bundled TinyFaceDetector and
         * tracked, each frame's landmark-aligned crop classified by the bundled expression net, per face the
         * per-frame probabilities ({@link org.affect4j.core.FaceResult#frames()}) and a clip prediction (mean of the
         * frames' log-probabilities). Seven emotions (no calm).
         */
        public VideoDetector load() {
            return new VideoDetector(video.createBundled());
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
