package org.affect4j;

import java.nio.file.Path;
import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.vision.VideoModel;
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

    /** Builds the video model; a detector opened here is closed again if that fails. */
    VideoModel createModel(StateDict weights) {
        FaceDetector d = detector != null ? detector : haarCascade != null ? HaarFaceDetector.load(haarCascade) : null;
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
