package org.affect4j;

import java.nio.file.Path;
import org.affect4j.vision.FaceExpressionVideoModel;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.expression.FaceModel;
import org.affect4j.vision.face.FaceDetector;

/**
 * The options of the video road that {@link VideoDetector.Builder} and {@link MultimodalDetector.Builder} share: which
 * face model and crop the bundled pipeline uses, and how the seed's EmoNet-LSTM road finds faces and runs EmoNet. Each
 * method returns the builder it was called on. Not thread-safe (a builder is used by one thread, then discarded).
 *
 * @param <B> the concrete builder
 */
public abstract class VideoBuilder<B extends VideoBuilder<B>> {

    final VideoSettings video = new VideoSettings();

    VideoBuilder() {
    }

    /** This builder, as its own type. */
    abstract B self();

    /**
     * Which bundled face-expression net {@code load()} uses: {@link FaceModel#FACE_API_EXPRESSION} (default, the
     * best one measured on the cross-dataset tests: docs/faces.md, MODEL_CARD.md), {@link FaceModel#HUMAN_EMOTION} or
     * the library's own {@link FaceModel#AFFECT4J_FER2013}.
     */
    public B faceModel(FaceModel model) {
        video.faceModel(model);
        return self();
    }

    /** Crop fed to the bundled expression net: landmark-aligned (default, measured better) or the detector box. */
    public B cropStyle(FaceExpressionVideoModel.CropStyle style) {
        video.cropStyle(style);
        return self();
    }

    /**
     * OpenCV Haar cascade for the seed's EmoNet-LSTM road (not bundled: e.g. {@code haarcascade_frontalface_alt2.xml}
     * from OpenCV's {@code data/haarcascades}). Without it, that road finds faces with the bundled detector and
     * landmark net.
     */
    public B faceDetector(Path haarCascadeXml) {
        video.haarCascade(haarCascadeXml);
        return self();
    }

    /** Any detector implementation for the EmoNet-LSTM road (closed with the detector built). */
    public B faceDetector(FaceDetector detector) {
        video.detector(detector);
        return self();
    }

    /** BGR (the seed, default) or RGB (what EmoNet was trained on) input planes. */
    public B channelOrder(VideoOptions.ChannelOrder order) {
        video.options(video.options().withChannelOrder(order));
        return self();
    }

    /** Run EmoNet on every k-th face frame and hold its output (1 = every frame, the seed). */
    public B emonetStride(int k) {
        video.options(video.options().withEmonetStride(k));
        return self();
    }

    /** Frames per EmoNet batch (memory vs. speed). */
    public B frameBatch(int n) {
        video.options(video.options().withFrameBatch(n));
        return self();
    }

    /** All video options at once (channel order, EmoNet stride, frame batch, …). */
    public B options(VideoOptions options) {
        video.options(options);
        return self();
    }

    /**
     * How the networks are executed: {@link org.affect4j.core.nn.InferenceEngine#EAGER} (default, fastest) or
     * {@code SAMEDIFF} (the reference graphs); same outputs within float rounding.
     */
    public B engine(org.affect4j.core.nn.InferenceEngine engine) {
        video.engine(engine);
        return self();
    }
}
