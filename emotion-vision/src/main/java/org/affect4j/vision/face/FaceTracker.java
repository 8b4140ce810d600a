package org.affect4j.vision.face;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Links per-frame detections into face tracks by greedy IoU matching: each detection joins the live track whose
 * last box overlaps it most (IoU ≥ {@code minIou}); unmatched detections start new tracks. A frame where a track has
 * no detection is recorded as {@code null} for that track — never filled with another face's box. Not thread-safe;
 * one tracker per video.
 */
public final class FaceTracker {

    /** One tracked face: its box in each frame seen so far ({@code null} = not found in that frame). */
    public static final class Track {
        private final int id;
        private final List<FaceBox> boxes = new ArrayList<>();
        private FaceBox last;

        Track(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }

        /** Per frame, from the first frame of the video; null where the face was not found. */
        public List<FaceBox> boxes() {
            return Collections.unmodifiableList(boxes);
        }

        public int framesWithFace() {
            int n = 0;
            for (FaceBox b : boxes) {
                n += b == null ? 0 : 1;
            }
            return n;
        }

        /** Mean box over the frames where the face was found. */
        public FaceBox meanBox() {
            return FaceBox.mean(boxes);
        }
    }

    private final double minIou;
    private final List<Track> tracks = new ArrayList<>();
    private int frames;

    public FaceTracker(double minIou) {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("minIou must be in (0, 1]");
        }
        this.minIou = minIou;
    }

    /** Adds one frame's detections; returns the track id given to each detection, in input order. */
    public int[] add(List<FaceBox> detections) {
        int[] ids = new int[detections.size()];
        List<FaceBox> pending = new ArrayList<>(detections);
        List<Track> open = new ArrayList<>(tracks);
        for (Track t : tracks) {
            t.boxes.add(null);
        }
        while (!pending.isEmpty() && !open.isEmpty()) {
            double best = minIou;
            Track bestTrack = null;
            FaceBox bestBox = null;
            for (Track t : open) {
                for (FaceBox b : pending) {
                    double iou = t.last.iou(b);
                    if (iou >= best) {
                        best = iou;
                        bestTrack = t;
                        bestBox = b;
                    }
                }
            }
            if (bestTrack == null) {
                break;
            }
            bestTrack.boxes.set(frames, bestBox);
            bestTrack.last = bestBox;
            ids[indexOf(detections, bestBox)] = bestTrack.id;
            open.remove(bestTrack);
            pending.remove(bestBox);
        }
        for (FaceBox b : pending) {
            Track t = new Track(tracks.size());
            for (int i = 0; i < frames; i++) {
                t.boxes.add(null);
            }
            t.boxes.add(b);
            t.last = b;
            tracks.add(t);
            ids[indexOf(detections, b)] = t.id;
        }
        frames++;
        return ids;
    }

    private static int indexOf(List<FaceBox> list, FaceBox box) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == box) {
                return i;
            }
        }
        throw new IllegalStateException("detection not found");
    }

    public int frames() {
        return frames;
    }

    /** Tracks in order of creation. */
    public List<Track> tracks() {
        return Collections.unmodifiableList(tracks);
    }
}
