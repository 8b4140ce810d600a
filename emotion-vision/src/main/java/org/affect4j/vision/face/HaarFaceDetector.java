package org.affect4j.vision.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.affect4j.core.CheckpointException;
import org.affect4j.vision.io.BgrImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * OpenCV's Haar cascade face detector (what the seed's inference script used for non-RAVDESS video), through
 * JavaCV. The cascade XML is not bundled: pass the path of e.g. {@code haarcascade_frontalface_alt2.xml} from
 * OpenCV's {@code data/haarcascades}. Defaults as the seed: grey image, scale factor 1.1, 4 neighbours, faces of
 * at least 30 px. Thread-safe (calls are serialised: OpenCV's classifier is not re-entrant).
 */
public final class HaarFaceDetector implements FaceDetector {

    private final CascadeClassifier classifier;
    private final double scaleFactor;
    private final int minNeighbors;
    private final int minSize;
    private boolean closed;

    private HaarFaceDetector(CascadeClassifier classifier, double scaleFactor, int minNeighbors, int minSize) {
        this.classifier = classifier;
        this.scaleFactor = scaleFactor;
        this.minNeighbors = minNeighbors;
        this.minSize = minSize;
    }

    /** Seed settings: scale 1.1, 4 neighbours, min face 30 px. */
    public static HaarFaceDetector load(Path cascadeXml) {
        return load(cascadeXml, 1.1, 4, 30);
    }

    /** @throws CheckpointException naming the file when it is missing or not a cascade OpenCV can load */
    public static HaarFaceDetector load(Path cascadeXml, double scaleFactor, int minNeighbors, int minSize) {
        Objects.requireNonNull(cascadeXml, "cascadeXml");
        if (!(scaleFactor > 1) || minNeighbors < 0 || minSize < 1) {
            throw new IllegalArgumentException("need scaleFactor > 1, minNeighbors >= 0, minSize >= 1");
        }
        if (!Files.isRegularFile(cascadeXml)) {
            throw new CheckpointException(cascadeXml, "face detector file not found (get haarcascade_frontalface_alt2.xml from OpenCV's data/haarcascades)");
        }
        CascadeClassifier c = new CascadeClassifier();
        boolean ok;
        try {
            ok = c.load(cascadeXml.toString());
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok || c.empty()) {
            c.close();
            throw new CheckpointException(cascadeXml, "not a Haar cascade OpenCV can load");
        }
        return new HaarFaceDetector(c, scaleFactor, minNeighbors, minSize);
    }

    @Override
    public synchronized List<FaceBox> detect(BgrImage image) {
        if (closed) {
            throw new IllegalStateException("detector is closed");
        }
        byte[] grey = image.grey();
        List<FaceBox> out = new ArrayList<>();
        try (BytePointer data = new BytePointer(grey);
             Mat mat = new Mat(image.height(), image.width(), opencv_core.CV_8UC1, data);
             RectVector faces = new RectVector();
             Size min = new Size(minSize, minSize);
             Size max = new Size()) {
            classifier.detectMultiScale(mat, faces, scaleFactor, minNeighbors, 0, min, max);
            for (long i = 0; i < faces.size(); i++) {
                Rect r = faces.get(i);
                out.add(new FaceBox(r.x(), r.y(), r.x() + r.width(), r.y() + r.height()));
            }
        }
        out.sort(Comparator.comparingDouble(FaceBox::area).reversed());
        return out;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            classifier.close();
        }
    }
}
