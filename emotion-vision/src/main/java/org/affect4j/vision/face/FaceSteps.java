package org.affect4j.vision.face;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.MediaException;
import org.affect4j.vision.io.VideoDecoder;

/**
 * A window of decoded video as the LSTM's time steps, with the faces in them: the seed's sampling (at 30 ± 0.5 fps
 * every frame in the window, first N; other rates resampled to the target rate by nearest timestamp; missing steps
 * are padding), then one box track per face — from OpenFace landmarks (one face) or from a {@link FaceDetector}
 * and {@link FaceTracker} (every face). Shared by the video model and the DataVec sequence reader. Immutable.
 *
 * @param source     the media file
 * @param frameRate  the stream's frame rate
 * @param decoded    frames decoded in the window
 * @param frames     the distinct frames the steps use, in time order
 * @param stepFrame  for each step, its index into {@code frames}, or −1 for padding
 * @param tracks     per face, a box per distinct frame (null where that frame lacks the face)
 */
public record FaceSteps(Path source, double frameRate, int decoded, List<VideoDecoder.TimedFrame> frames, int[] stepFrame,
                        List<List<FaceBox>> tracks) {

    public FaceSteps {
        frames = Collections.unmodifiableList(new ArrayList<>(frames));
        stepFrame = stepFrame.clone();
        List<List<FaceBox>> t = new ArrayList<>();
        for (List<FaceBox> track : tracks) {
            t.add(Collections.unmodifiableList(new ArrayList<>(track)));
        }
        tracks = Collections.unmodifiableList(t);
    }

    @Override
    public int[] stepFrame() {
        return stepFrame.clone();
    }

    public int steps() {
        return stepFrame.length;
    }

    /** The box of face {@code track} at {@code step}, or null (padding or face absent). */
    public FaceBox box(int track, int step) {
        int f = stepFrame[step];
        return f < 0 ? null : tracks.get(track).get(f);
    }

    /**
     * Samples {@code steps} steps at {@code targetFps} from the window [{@code windowStart}, +{@code windowSeconds}]
     * of {@code decoded} and finds the faces.
     *
     * @param landmarks the face's landmarks, or null to use {@code detector}
     * @throws MediaException naming the file when the window holds no frame or the landmarks do not fit the video
     */
    public static FaceSteps of(VideoDecoder.Decoded decoded, double windowStart, double windowSeconds, int steps, double targetFps,
                               LandmarkTrack landmarks, FaceDetector detector, double minIou) {
        Objects.requireNonNull(decoded, "decoded");
        if (landmarks == null && detector == null) {
            throw new IllegalStateException("no face detector configured: pass a detector file or landmarks");
        }
        Path video = decoded.source();
        double to = windowStart + windowSeconds;
        List<VideoDecoder.TimedFrame> inWindow = new ArrayList<>();
        for (VideoDecoder.TimedFrame f : decoded.frames()) {
            if (f.seconds() >= windowStart - 1e-9 && f.seconds() <= to + 1e-9) {
                inWindow.add(f);
            }
        }
        if (inWindow.isEmpty()) {
            throw new MediaException(video, "no video frames between " + windowStart + " s and " + to + " s (duration "
                    + String.format(Locale.ROOT, "%.2f", decoded.durationSeconds()) + " s)");
        }
        List<VideoDecoder.TimedFrame> slots = sample(inWindow, decoded.frameRate(), windowStart, steps, targetFps);
        List<VideoDecoder.TimedFrame> distinct = new ArrayList<>();
        Map<VideoDecoder.TimedFrame, Integer> index = new IdentityHashMap<>();
        int[] stepFrame = new int[slots.size()];
        for (int s = 0; s < slots.size(); s++) {
            VideoDecoder.TimedFrame f = slots.get(s);
            if (f == null) {
                stepFrame[s] = -1;
                continue;
            }
            Integer i = index.get(f);
            if (i == null) {
                i = distinct.size();
                distinct.add(f);
                index.put(f, i);
            }
            stepFrame[s] = i;
        }
        List<List<FaceBox>> tracks = landmarks != null ? landmarkBoxes(decoded, distinct, landmarks) : detectedBoxes(distinct, detector, minIou);
        return new FaceSteps(video, decoded.frameRate(), inWindow.size(), distinct, stepFrame, tracks);
    }

    private static List<VideoDecoder.TimedFrame> sample(List<VideoDecoder.TimedFrame> frames, double frameRate, double windowStart,
                                                        int n, double targetFps) {
        List<VideoDecoder.TimedFrame> slots = new ArrayList<>(n);
        if (Math.abs(frameRate - targetFps) <= 0.5) {
            for (int i = 0; i < n; i++) {
                slots.add(i < frames.size() ? frames.get(i) : null);
            }
            return slots;
        }
        double period = 1.0 / (frameRate > 0 ? frameRate : targetFps);
        int j = 0;
        for (int k = 0; k < n; k++) {
            double t = windowStart + k / targetFps;
            while (j + 1 < frames.size() && Math.abs(frames.get(j + 1).seconds() - t) <= Math.abs(frames.get(j).seconds() - t)) {
                j++;
            }
            VideoDecoder.TimedFrame f = frames.get(j);
            slots.add(Math.abs(f.seconds() - t) <= period / 2 + 1e-6 ? f : null);
        }
        return slots;
    }

    private static List<List<FaceBox>> detectedBoxes(List<VideoDecoder.TimedFrame> frames, FaceDetector detector, double minIou) {
        FaceTracker tracker = new FaceTracker(minIou);
        for (VideoDecoder.TimedFrame f : frames) {
            tracker.add(detector.detect(f.image()));
        }
        List<List<FaceBox>> out = new ArrayList<>();
        for (FaceTracker.Track t : tracker.tracks()) {
            out.add(t.boxes());
        }
        return out;
    }

    private static List<List<FaceBox>> landmarkBoxes(VideoDecoder.Decoded d, List<VideoDecoder.TimedFrame> frames, LandmarkTrack landmarks) {
        Path video = d.source();
        double tolerance = 1.0 / Math.max(1, d.frameRate());
        List<FaceBox> boxes = new ArrayList<>();
        for (VideoDecoder.TimedFrame f : frames) {
            LandmarkTrack.Frame lm = landmarks.nearest(f.seconds());
            if (Math.abs(lm.timestamp() - f.seconds()) > tolerance) {
                throw new MediaException(video, "landmarks " + landmarks.source() + " do not match the video: no landmark frame within "
                        + String.format(Locale.ROOT, "%.3f", tolerance) + " s of the frame at "
                        + String.format(Locale.ROOT, "%.3f", f.seconds()) + " s");
            }
            FaceBox b = lm.success() ? lm.box() : null;
            if (b != null && (b.x1() < 0 || b.y1() < 0 || b.x0() > d.width() || b.y0() > d.height())) {
                throw new MediaException(video, "landmarks " + landmarks.source() + " do not match the video: face box " + b
                        + " lies outside the " + d.width() + "x" + d.height() + " frame");
            }
            boxes.add(b);
        }
        return List.of(boxes);
    }
}
