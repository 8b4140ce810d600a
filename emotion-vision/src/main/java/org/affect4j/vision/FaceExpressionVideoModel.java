package org.affect4j.vision;

import org.affect4j.core.FaceResult;
import org.affect4j.core.FrameEmotion;
import org.affect4j.core.VideoResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.affect4j.vision.expression.BundledFaceModels;
import org.affect4j.vision.expression.FaceAligner;
import org.affect4j.vision.expression.FaceExpressionClassifier;
import org.affect4j.vision.expression.FaceModel;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.FaceDetector;
import org.affect4j.vision.face.FaceSteps;
import org.affect4j.vision.face.LandmarkTrack;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.face.TinyFaceDetector;
import org.affect4j.vision.io.VideoDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled face road, per frame: file → {@link VideoDecoder} (frames in the window) → {@link FaceDetector}
 * (bundled: {@link TinyFaceDetector}) + IoU tracker → per face and frame a crop (the detector box, or — with
 * {@link CropStyle#ALIGNED} — face-api's landmark-aligned box) → a {@link FaceExpressionClassifier} → per-frame
 * probabilities, and for the clip the mean of the frames' log-probabilities (a product of the frames' evidence, so a
 * few confident frames outweigh many uncertain ones; measured against the mean of probabilities in the model card).
 *
 * <p>Frames without the face are left out of its prediction (counted in {@link FaceResult#framesNoFace()}), never
 * filled in; {@link FaceResult#framesWithFace()} + {@code framesNoFace()} = the frames analysed
 * ({@link VideoResult#framesDecoded()}), and {@code framesPadded()} is 0. Thread-safe.
 */
public final class FaceExpressionVideoModel implements VideoAnalyser {

    private static final Logger LOG = LoggerFactory.getLogger(FaceExpressionVideoModel.class);

    /** Which crop the expression net sees. */
    public enum CropStyle {
        /** The detector's box, clipped to the frame (face-api's {@code extractFaceTensors}). */
        BOX,
        /** face-api's {@code alignedRect}: 68 landmarks on the box crop, their bounding box padded by 20 %. */
        ALIGNED
    }

    private final FaceExpressionClassifier classifier;
    private final FaceDetector detector;
    private final FaceAligner aligner; // null for CropStyle.BOX
    private final VideoOptions options;
    private final int detectorStride;

    /** Default {@link #withDetectorStride}: the detector on every 3rd frame (README, "Speed": measured). */
    public static final int DEFAULT_DETECTOR_STRIDE = 3;

    private FaceExpressionVideoModel(FaceExpressionClassifier classifier, FaceDetector detector, FaceAligner aligner, VideoOptions options,
                                     int detectorStride) {
        if (detectorStride < 1) {
            throw new IllegalArgumentException("detector stride must be >= 1, got " + detectorStride);
        }
        this.classifier = classifier;
        this.detector = detector;
        this.aligner = aligner;
        this.options = options;
        this.detectorStride = detectorStride;
    }

    /**
     * The same networks, running the face detector on every {@code k}-th frame only: the frames between reuse the last
     * detected boxes (the landmark alignment still runs on every frame, so the crop follows the face). 1 = every frame.
     * The returned model shares the networks; close only one of them.
     */
    public FaceExpressionVideoModel withDetectorStride(int k) {
        return new FaceExpressionVideoModel(classifier, detector, aligner, options, k);
    }

    public int detectorStride() {
        return detectorStride;
    }

    /** The bundled pipeline: TinyFaceDetector, {@code model}'s net, the given crop style, the seed's window (3 s from 0.5 s). */
    public static FaceExpressionVideoModel bundled(FaceModel model, CropStyle crop, VideoOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(options, "options");
        FaceExpressionClassifier c = BundledFaceModels.classifier(model);
        TinyFaceDetector d = null;
        FaceAligner a = null;
        try {
            d = BundledFaceModels.detector();
            a = crop == CropStyle.ALIGNED ? FaceAligner.bundled() : null;
            return new FaceExpressionVideoModel(c, d, a, options, DEFAULT_DETECTOR_STRIDE);
        } catch (RuntimeException e) {
            c.close();
            if (d != null) {
                d.close();
            }
            throw e;
        }
    }

    /** Any classifier, detector and aligner (null aligner = {@link CropStyle#BOX}); all closed with the model. */
    public static FaceExpressionVideoModel of(FaceExpressionClassifier classifier, FaceDetector detector, FaceAligner aligner,
                                              VideoOptions options) {
        return new FaceExpressionVideoModel(Objects.requireNonNull(classifier, "classifier"), Objects.requireNonNull(detector, "detector"),
                aligner, Objects.requireNonNull(options, "options"), DEFAULT_DETECTOR_STRIDE);
    }

    public FaceModel faceModel() {
        return classifier.model();
    }

    public CropStyle cropStyle() {
        return aligner == null ? CropStyle.BOX : CropStyle.ALIGNED;
    }

    @Override
    public VideoOptions options() {
        return options;
    }

    @Override
    public VideoResult predict(Path video) {
        return analyse(decode(video), options.windowStart(), null);
    }

    @Override
    public VideoResult predict(Path video, LandmarkTrack landmarks) {
        return analyse(decode(video), options.windowStart(), Objects.requireNonNull(landmarks, "landmarks"));
    }

    private VideoDecoder.Decoded decode(Path video) {
        return VideoDecoder.decode(video, options.windowStart(), options.windowStart() + options.windowSeconds(), false);
    }

    @Override
    public VideoResult analyse(VideoDecoder.Decoded decoded, double windowStart, LandmarkTrack landmarks) {
        Objects.requireNonNull(decoded, "decoded");
        List<VideoDecoder.TimedFrame> frames;
        List<List<FaceBox>> tracks;
        if (landmarks != null) {
            FaceSteps steps = FaceSteps.of(decoded, windowStart, options.windowSeconds(), options.frames(), options.targetFps(),
                    landmarks, detector, options.minIou());
            frames = steps.frames();
            tracks = steps.tracks();
        } else {
            frames = inWindow(decoded, windowStart);
            tracks = detectAndTrack(frames);
        }
        List<RgbTensor> images = new ArrayList<>(frames.size());
        for (VideoDecoder.TimedFrame f : frames) {
            images.add(RgbTensor.of(f.image()));
        }
        List<FaceResult> faces = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            FaceResult r = face(t, tracks.get(t), frames, images, landmarks != null);
            if (r != null) {
                faces.add(r);
            }
        }
        faces.sort(Comparator.comparingInt(FaceResult::framesWithFace).reversed());
        LOG.debug("{}: {} frames analysed, {} face track(s)", decoded.source(), frames.size(), faces.size());
        return new VideoResult(decoded.source(), decoded.frameRate(), frames.size(), faces);
    }

    /** Every decoded frame in [windowStart, windowStart + window length] (a per-frame model needs no resampling). */
    private List<VideoDecoder.TimedFrame> inWindow(VideoDecoder.Decoded decoded, double windowStart) {
        double to = windowStart + options.windowSeconds();
        List<VideoDecoder.TimedFrame> out = new ArrayList<>();
        for (VideoDecoder.TimedFrame f : decoded.frames()) {
            if (f.seconds() >= windowStart - 1e-9 && f.seconds() <= to + 1e-9) {
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            throw new org.affect4j.core.MediaException(decoded.source(), "no video frames between " + windowStart + " s and " + to
                    + " s (duration " + String.format(java.util.Locale.ROOT, "%.2f", decoded.durationSeconds()) + " s)");
        }
        return out;
    }

    /** Detector on every {@code detectorStride}-th frame (boxes held in between), linked into tracks by IoU. */
    private List<List<FaceBox>> detectAndTrack(List<VideoDecoder.TimedFrame> frames) {
        org.affect4j.vision.face.FaceTracker tracker = new org.affect4j.vision.face.FaceTracker(options.minIou());
        List<FaceBox> held = List.of();
        for (int i = 0; i < frames.size(); i++) {
            if (i % detectorStride == 0) {
                held = detector.detect(frames.get(i).image());
            }
            tracker.add(held);
        }
        List<List<FaceBox>> tracks = new ArrayList<>();
        for (org.affect4j.vision.face.FaceTracker.Track t : tracker.tracks()) {
            List<FaceBox> boxes = new ArrayList<>(t.boxes());
            while (boxes.size() < frames.size()) {
                boxes.add(null);
            }
            tracks.add(boxes);
        }
        return tracks;
    }

    private FaceResult face(int trackId, List<FaceBox> boxes, List<VideoDecoder.TimedFrame> frames, List<RgbTensor> images,
                            boolean fromLandmarks) {
        List<Integer> present = new ArrayList<>();
        for (int f = 0; f < boxes.size(); f++) {
            if (boxes.get(f) != null) {
                present.add(f);
            }
        }
        List<Integer> used = new ArrayList<>();
        List<FaceBox> cropBoxes = new ArrayList<>();
        List<RgbTensor> crops = new ArrayList<>();
        for (int from = 0; from < present.size(); from += options.frameBatch()) {
            List<Integer> chunk = present.subList(from, Math.min(present.size(), from + options.frameBatch()));
            List<RgbTensor> imgs = new ArrayList<>();
            List<FaceBox> bs = new ArrayList<>();
            for (int f : chunk) {
                imgs.add(images.get(f));
                // landmark CSV boxes enclose the 68 points: pad them as face-api's alignment does
                bs.add(fromLandmarks ? FaceAligner.padded(boxes.get(f)) : boxes.get(f));
            }
            List<FaceBox> aligned = aligner != null && !fromLandmarks ? aligner.alignAll(imgs, bs) : bs;
            for (int i = 0; i < chunk.size(); i++) {
                RgbTensor crop = TinyFaceDetector.crop(imgs.get(i), aligned.get(i));
                if (crop != null) {
                    used.add(chunk.get(i));
                    cropBoxes.add(aligned.get(i));
                    crops.add(crop);
                }
            }
        }
        if (crops.isEmpty()) {
            return null;
        }
        int k = classifier.labels().size();
        double[] sum = new double[k];
        List<FrameEmotion> perFrame = new ArrayList<>();
        for (int from = 0; from < crops.size(); from += options.frameBatch()) {
            int to = Math.min(crops.size(), from + options.frameBatch());
            float[][] logp = classifier.logProbabilities(crops.subList(from, to));
            for (int i = 0; i < logp.length; i++) {
                for (int c = 0; c < k; c++) {
                    sum[c] += logp[i][c];
                }
                int f = used.get(from + i);
                perFrame.add(new FrameEmotion(frames.get(f).seconds(), cropBoxes.get(from + i).toBox(),
                        Prediction.fromLogits(logp[i], classifier.labels(), EnumSet.of(Modality.VIDEO))));
            }
        }
        float[] mean = new float[k];
        for (int c = 0; c < k; c++) {
            mean[c] = (float) (sum[c] / crops.size());
        }
        Prediction clip = Prediction.fromLogits(mean, classifier.labels(), EnumSet.of(Modality.VIDEO));
        float[] none = new float[0];
        return new FaceResult(trackId, java.util.Optional.ofNullable(FaceBox.mean(boxes)).map(FaceBox::toBox), crops.size(), frames.size() - crops.size(), 0, clip, none, none, perFrame);
    }

    @Override
    public void close() {
        classifier.close();
        detector.close();
        if (aligner != null) {
            aligner.close();
        }
    }
}
