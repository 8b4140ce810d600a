package org.affect4j.vision.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.FaceDetector;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.face.TinyFaceDetector;
import org.affect4j.vision.io.BgrImage;

/**
 * Face boxes as the seed draws them for EmoNet — the bounding box of the 68 facial landmarks (the seed takes them from
 * OpenFace CSVs) — with the landmarks found by the bundled networks instead: {@link TinyFaceDetector} finds the face,
 * face-api's 68-point net places the landmarks, and the box encloses them (unpadded; the seed's crop adds its own
 * margin). This replaces both the OpenCV Haar cascade and the OpenFace CSV on the EmoNet-LSTM road when neither is
 * given. Thread-safe.
 */
public final class LandmarkFaceDetector implements FaceDetector {

    private final TinyFaceDetector detector;
    private final FaceAligner aligner;

    private LandmarkFaceDetector(TinyFaceDetector detector, FaceAligner aligner) {
        this.detector = detector;
        this.aligner = aligner;
    }

    /** The bundled detector and landmark net. */
    public static LandmarkFaceDetector bundled() {
        TinyFaceDetector d = BundledFaceModels.detector();
        try {
            return new LandmarkFaceDetector(d, FaceAligner.bundled());
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** Landmark boxes of the detected faces, largest first. */
    @Override
    public List<FaceBox> detect(BgrImage image) {
        Objects.requireNonNull(image, "image");
        RgbTensor rgb = RgbTensor.of(image);
        List<FaceBox> out = new ArrayList<>();
        for (FaceBox b : detector.detect(image)) {
            float[] xy = aligner.landmarks(rgb, b);
            if (xy == null) {
                continue;
            }
            float[] xs = new float[68];
            float[] ys = new float[68];
            for (int i = 0; i < 68; i++) {
                xs[i] = xy[2 * i];
                ys[i] = xy[2 * i + 1];
            }
            out.add(FaceBox.enclosing(xs, ys));
        }
        out.sort((a, c) -> Double.compare(c.area(), a.area()));
        return out;
    }

    @Override
    public void close() {
        detector.close();
        aligner.close();
    }
}
