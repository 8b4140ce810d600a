package org.affect4j.vision.expression;

import java.util.List;
import java.util.Objects;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.face.TinyFaceDetector;
import org.affect4j.vision.net.FaceApiNet;

/**
 * face-api.js's face alignment for expression crops ({@code withFaceLandmarks().withFaceExpressions()} crops at
 * {@code alignedRect}): the 68-point landmark net on the detector's crop, the landmarks mapped back to frame pixels
 * (undoing face-api's centred square padding), then their bounding box padded by 20 % of its width and height. The
 * landmarks are offset by the clipped crop's origin (face-api offsets by the unclipped box, which shifts them for
 * faces cut by the frame border). Thread-safe.
 */
public final class FaceAligner implements AutoCloseable {

    /** face-api's {@code minBoxPadding}. */
    public static final double PADDING = 0.2;

    private final FaceApiNet landmarks;

    private FaceAligner(FaceApiNet landmarks) {
        this.landmarks = landmarks;
    }

    /** With the bundled 68-point landmark net. */
    public static FaceAligner bundled() {
        return new FaceAligner(BundledFaceModels.landmarks68());
    }

    /** With the given landmark net ({@link FaceApiNet.Variant#LANDMARKS_68} or its tiny variant); closed with this. */
    public static FaceAligner of(FaceApiNet landmarks) {
        Objects.requireNonNull(landmarks, "landmarks");
        if (landmarks.variant() == FaceApiNet.Variant.EXPRESSION) {
            throw new IllegalArgumentException("the aligner needs a landmark net, not the expression net");
        }
        return new FaceAligner(landmarks);
    }

    /** The aligned box of the face in {@code box} (or {@code box} itself when nothing of it is inside the image). */
    public FaceBox align(RgbTensor image, FaceBox box) {
        float[] xy = landmarks(image, box);
        if (xy == null) {
            return box;
        }
        float[] xs = new float[68];
        float[] ys = new float[68];
        for (int i = 0; i < 68; i++) {
            xs[i] = xy[2 * i];
            ys[i] = xy[2 * i + 1];
        }
        return padded(FaceBox.enclosing(xs, ys));
    }

    /**
     * {@link #align} for many faces at once (one batch through the landmark net): {@code images.get(i)} holds
     * {@code boxes.get(i)}.
     */
    public List<FaceBox> alignAll(List<RgbTensor> images, List<FaceBox> boxes) {
        if (images.size() != boxes.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + boxes.size() + " boxes");
        }
        List<RgbTensor> crops = new java.util.ArrayList<>();
        List<Integer> at = new java.util.ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            RgbTensor crop = TinyFaceDetector.crop(images.get(i), boxes.get(i));
            if (crop != null) {
                crops.add(crop);
                at.add(i);
            }
        }
        List<FaceBox> out = new java.util.ArrayList<>(boxes);
        float[][] raw = crops.isEmpty() ? new float[0][] : landmarks.forward(crops);
        for (int k = 0; k < raw.length; k++) {
            int i = at.get(k);
            float[] xy = toImage(raw[k], boxes.get(i), crops.get(k));
            float[] xs = new float[68];
            float[] ys = new float[68];
            for (int p = 0; p < 68; p++) {
                xs[p] = xy[2 * p];
                ys[p] = xy[2 * p + 1];
            }
            out.set(i, padded(FaceBox.enclosing(xs, ys)));
        }
        return out;
    }

    /**
     * The 68 landmarks (x0, y0, x1, y1 …) in image pixels of the face in {@code box}, or null when nothing of the box
     * is inside the image.
     */
    public float[] landmarks(RgbTensor image, FaceBox box) {
        RgbTensor crop = TinyFaceDetector.crop(image, box);
        if (crop == null) {
            return null;
        }
        return toImage(landmarks.forward(List.of(crop))[0], box, crop);
    }

    /** The landmark net's raw output for {@code crop} (taken from {@code box}) in image pixels. */
    private static float[] toImage(float[] raw, FaceBox box, RgbTensor crop) {
        double x0 = Math.floor(Math.max(box.x0(), 0));
        double y0 = Math.floor(Math.max(box.y0(), 0));
        int w = crop.width();
        int h = crop.height();
        double scale = (double) FaceApiNet.SIZE / Math.max(w, h);
        double sw = w * scale;
        double sh = h * scale;
        double padX = sw < sh ? Math.abs(sw - sh) / 2 : 0;
        double padY = sh < sw ? Math.abs(sw - sh) / 2 : 0;
        float[] out = new float[136];
        for (int i = 0; i < 68; i++) {
            out[2 * i] = (float) (x0 + (raw[2 * i] * FaceApiNet.SIZE - padX) / sw * w);
            out[2 * i + 1] = (float) (y0 + (raw[2 * i + 1] * FaceApiNet.SIZE - padY) / sh * h);
        }
        return out;
    }

    /** face-api's {@code Box.pad(0.2 w, 0.2 h)}: grown by 10 % of its size on every side. */
    public static FaceBox padded(FaceBox b) {
        double px = b.width() * PADDING;
        double py = b.height() * PADDING;
        return new FaceBox(b.x0() - px / 2, b.y0() - py / 2, b.x1() + px / 2, b.y1() + py / 2);
    }

    @Override
    public void close() {
        landmarks.close();
    }
}
