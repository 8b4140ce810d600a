package org.affect4j;

import java.nio.file.Path;
import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.vision.FaceExpressionVideoModel;
import org.affect4j.vision.VideoModel;
import org.affect4j.vision.expression.BundledFaceModels;
import org.affect4j.vision.expression.FaceAligner;
import org.affect4j.vision.expression.FaceExpressionClassifier;
import org.affect4j.vision.expression.FaceModel;
import org.affect4j.vision.expression.LandmarkFaceDetector;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.face.FaceDetector;
import org.affect4j.vision.face.HaarFaceDetector;

/** What the video and multimodal builders collect about the video road; opens the detector only when loading. */
final class VideoSettings {
    private VideoOptions options = VideoOptions.seed();
    private Path haarCascade;
    private FaceDetector detector;
    private InferenceEngine engine = InferenceEngine.EAGER;

    void engine(InferenceEngine e) {
        this.engine = Objects.requireNonNull(e, "engine");
    }

    InferenceEngine engine() {
        return engine;
    }

    void haarCascade(Path xml) {
        this.haarCascade = Objects.requireNonNull(xml, "haarCascadeXml");
        this.detector = null;
    }

    void detector(FaceDetector d) {
        this.detector = Objects.requireNonNull(d, "detector");
        this.haarCascade = null;
    }

    VideoOptions options() {
        return options;
    }

    void options(VideoOptions o) {
        this.options = Objects.requireNonNull(o, "options");
    }

    private FaceModel faceModel = FaceModel.FACE_API_EXPRESSION;
    private FaceExpressionVideoModel.CropStyle cropStyle = FaceExpressionVideoModel.CropStyle.ALIGNED;

    void faceModel(FaceModel m) {
        this.faceModel = Objects.requireNonNull(m, "faceModel");
    }

    void cropStyle(FaceExpressionVideoModel.CropStyle c) {
        this.cropStyle = Objects.requireNonNull(c, "cropStyle");
    }

    /**
     * The bundled per-frame face model (detector, expression net, crop style); a custom detector, if one was given,
     * replaces the bundled one. Haar cascades are refused here: the expression nets were measured with the bundled
     * detector's crops only.
     */
    FaceExpressionVideoModel createBundled() {
        if (haarCascade != null) {
            throw new IllegalStateException("the bundled face model uses its own detector; a Haar cascade is for the EmoNet-LSTM road (load(path))");
        }
        if (detector == null) {
            return FaceExpressionVideoModel.bundled(faceModel, cropStyle, options);
        }
        FaceExpressionClassifier c = BundledFaceModels.classifier(faceModel);
        try {
            return FaceExpressionVideoModel.of(c, detector,
                    cropStyle == FaceExpressionVideoModel.CropStyle.ALIGNED ? FaceAligner.bundled() : null, options);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Builds the EmoNet-LSTM video model; without a Haar cascade or detector it finds faces with the bundled detector and
     * landmark net ({@link LandmarkFaceDetector}). A detector opened here is closed again if that fails.
     */
    VideoModel createModel(StateDict weights) {
        FaceDetector d = detector != null ? detector : haarCascade != null ? HaarFaceDetector.load(haarCascade) : LandmarkFaceDetector.bundled();
        try {
            return VideoModel.create(weights, options, d, engine);
        } catch (RuntimeException e) {
            if (d != null) {
                d.close();
            }
            throw e;
        }
    }
}
