package org.affect4j.vision;

import org.affect4j.core.FaceResult;
import org.affect4j.core.VideoResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.FaceCropper;
import org.affect4j.vision.face.FaceDetector;
import org.affect4j.vision.face.FaceSteps;
import org.affect4j.vision.face.LandmarkTrack;
import org.affect4j.vision.io.BgrImage;
import org.affect4j.vision.io.VideoDecoder;
import org.affect4j.vision.net.EmoNet;
import org.affect4j.vision.net.EmoNetLstm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole video road, top-down: file → {@link VideoDecoder} (frames in the window) → 90 LSTM steps at 30 fps →
 * faces per step (landmarks, or a {@link FaceDetector} + {@link org.affect4j.vision.face.FaceTracker}) → {@link FaceCropper} (256 × 256) →
 * {@link EmoNetLstm} → one {@link FaceResult} per face.
 *
 * <p>Steps without a video frame are the seed's zero padding; steps whose frame lacks the face are fed the same
 * black image and counted in {@link FaceResult#framesNoFace()}. EmoNet's output for the black image is computed
 * once. Thread-safe: {@code predict} may run concurrently (the detector serialises its own calls).
 */
public final class VideoModel implements VideoAnalyser {

    private static final Logger LOG = LoggerFactory.getLogger(VideoModel.class);

    private final EmoNetLstm net;
    private final VideoOptions options;
    private final FaceDetector detector;
    private volatile EmoNetOut black;

    private record EmoNetOut(float[] expression, float valence, float arousal) {
    }

    private VideoModel(EmoNetLstm net, VideoOptions options, FaceDetector detector) {
        this.net = net;
        this.options = options;
        this.detector = detector;
    }

    /**
     * @param weights  the seed's EmoNet-LSTM state dict (or the multimodal one; its {@code emonet_lstm.} part is used)
     * @param detector used when no landmarks are given (may be null: then every call must pass landmarks)
     */
    public static VideoModel create(StateDict weights, VideoOptions options, FaceDetector detector) {
        return create(weights, options, detector, InferenceEngine.EAGER);
    }

    /** As {@link #create(StateDict, VideoOptions, FaceDetector)}, running EmoNet on the given engine. */
    public static VideoModel create(StateDict weights, VideoOptions options, FaceDetector detector, InferenceEngine engine) {
        Objects.requireNonNull(options, "options");
        if (options.frames() != 90) {
            throw new IllegalArgumentException("the seed's LSTM head is built for 90 steps, options ask for " + options.frames());
        }
        return new VideoModel(EmoNetLstm.create(weights, options.frameBatch(), engine), options, detector);
    }

    @Override
    public VideoOptions options() {
        return options;
    }

    /** Faces found by the detector. @throws IllegalStateException when the model has no detector */
    @Override
    public VideoResult predict(Path video) {
        if (detector == null) {
            throw new IllegalStateException("no face detector configured: pass a detector file or landmarks");
        }
        return run(video, null);
    }

    /** The one face described by an OpenFace landmark CSV of this video (the seed's RAVDESS path). */
    @Override
    public VideoResult predict(Path video, LandmarkTrack landmarks) {
        return run(video, Objects.requireNonNull(landmarks, "landmarks"));
    }

    private VideoResult run(Path video, LandmarkTrack landmarks) {
        double from = options.windowStart();
        return analyse(VideoDecoder.decode(video, from, from + options.windowSeconds(), false), from, landmarks);
    }

    /**
     * Analyses the window [{@code windowStart}, {@code windowStart} + window length] of already decoded media (frames
     * outside it are ignored). Used by the multimodal model and timelines, which decode once for both modalities.
     *
     * @param landmarks the face's landmarks, or null to use the detector
     */
    @Override
    public VideoResult analyse(VideoDecoder.Decoded decoded, double windowStart, LandmarkTrack landmarks) {
        FaceSteps steps = FaceSteps.of(decoded, windowStart, options.windowSeconds(), options.frames(), options.targetFps(),
                landmarks, detector, options.minIou());
        List<FaceResult> faces = new ArrayList<>();
        for (int t = 0; t < steps.tracks().size(); t++) {
            faces.add(face(t, steps.tracks().get(t), steps.frames(), steps.stepFrame()));
        }
        faces.sort(Comparator.comparingInt(FaceResult::framesWithFace).reversed());
        LOG.debug("{}: {} frames decoded, {} face track(s)", decoded.source(), steps.decoded(), faces.size());
        return new VideoResult(decoded.source(), decoded.frameRate(), steps.decoded(), faces);
    }

    private FaceResult face(int trackId, List<FaceBox> boxes, List<VideoDecoder.TimedFrame> frames, int[] slotFrame) {
        int n = slotFrame.length;
        int withFace = 0;
        int noFace = 0;
        int padded = 0;
        // which distinct frames need EmoNet: face present, and (with a stride) every k-th such step
        List<Integer> toRun = new ArrayList<>();
        int[] source = new int[n]; // distinct frame whose EmoNet output step s uses; -1 = black
        int lastRun = -1;
        int sinceRun = Integer.MAX_VALUE;
        for (int s = 0; s < n; s++) {
            int f = slotFrame[s];
            if (f < 0) {
                padded++;
                source[s] = -1;
            } else if (boxes.get(f) == null) {
                noFace++;
                source[s] = -1;
            } else {
                withFace++;
                if (lastRun < 0 || sinceRun >= options.emonetStride()) {
                    if (!toRun.contains(f)) {
                        toRun.add(f);
                    }
                    lastRun = f;
                    sinceRun = 0;
                }
                sinceRun++;
                source[s] = lastRun;
            }
        }
        Map<Integer, EmoNetOut> outs = new java.util.HashMap<>();
        int per = 3 * EmoNet.SIZE * EmoNet.SIZE;
        for (int from = 0; from < toRun.size(); from += options.frameBatch()) {
            List<Integer> chunk = toRun.subList(from, Math.min(toRun.size(), from + options.frameBatch()));
            float[] input = new float[chunk.size() * per];
            for (int i = 0; i < chunk.size(); i++) {
                int f = chunk.get(i);
                BgrImage crop = FaceCropper.crop(frames.get(f).image(), boxes.get(f));
                toChw(crop, options.channelOrder(), input, i * per);
            }
            EmoNetLstm.FrameOutputs o = net.frames(input, chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                outs.put(chunk.get(i), new EmoNetOut(o.expression()[i], o.valence()[i], o.arousal()[i]));
            }
        }
        float[][] expr = new float[n][];
        float[] val = new float[n];
        float[] aro = new float[n];
        double vSum = 0;
        double aSum = 0;
        for (int s = 0; s < n; s++) {
            EmoNetOut o = source[s] < 0 ? blackOutput() : outs.get(source[s]);
            expr[s] = o.expression();
            boolean face = slotFrame[s] >= 0 && boxes.get(slotFrame[s]) != null;
            val[s] = face ? o.valence() : Float.NaN;
            aro[s] = face ? o.arousal() : Float.NaN;
            if (face) {
                vSum += o.valence();
                aSum += o.arousal();
            }
        }
        float[] logits = net.sequenceLogits(expr);
        Prediction p = Prediction.fromLogits(logits, LabelOrder.EMONET, EnumSet.of(Modality.VIDEO),
                withFace > 0 ? vSum / withFace : null, withFace > 0 ? aSum / withFace : null);
        return new FaceResult(trackId, java.util.Optional.ofNullable(FaceBox.mean(boxes)).map(FaceBox::toBox), withFace, noFace, padded, p, val, aro);
    }

    private EmoNetOut blackOutput() {
        EmoNetOut b = black;
        if (b == null) {
            EmoNetLstm.FrameOutputs o = net.frames(new float[3 * EmoNet.SIZE * EmoNet.SIZE], 1);
            b = new EmoNetOut(o.expression()[0], o.valence()[0], o.arousal()[0]);
            black = b;
        }
        return b;
    }

    /** 8-bit BGR crop → planar float in [0, 1] in the requested plane order, into {@code out} at {@code offset}. */
    public static void toChw(BgrImage crop, VideoOptions.ChannelOrder order, float[] out, int offset) {
        int w = crop.width();
        int h = crop.height();
        byte[] px = crop.bytes();
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                int src = order == VideoOptions.ChannelOrder.BGR ? c : 2 - c;
                out[offset + c * plane + i] = (px[3 * i + src] & 0xff) / 255f;
            }
        }
    }

    @Override
    public void close() {
        net.close();
        if (detector != null) {
            detector.close();
        }
    }
}
