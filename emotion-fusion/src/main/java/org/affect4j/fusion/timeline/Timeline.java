package org.affect4j.fusion.timeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.affect4j.core.FusedFace;
import org.affect4j.core.MediaException;
import org.affect4j.core.MissingReason;
import org.affect4j.core.MultimodalResult;
import org.affect4j.core.timeline.TimelineProgress;
import org.affect4j.core.timeline.TimelineRow;
import org.affect4j.core.timeline.TimelineSink;
import org.affect4j.core.timeline.TimelineWindows;
import org.affect4j.fusion.MultimodalModel;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.FaceTracker;
import org.affect4j.vision.io.VideoDecoder;

/**
 * Walks a long recording window by window (default 3 s windows, hop 3 s, as the seed's inference script cut
 * classroom recordings) and streams one {@link TimelineRow} per window and face to a sink. Each window is decoded
 * on its own (seeking), so memory stays bounded however long the file is. Faces keep their id across windows
 * (IoU tracking of the per-window boxes). Stateless; each call is independent.
 */
public final class Timeline {

    private Timeline() {
    }

    /**
     * Multimodal timeline of a video file (faces + its audio track): windows of {@code window} seconds every
     * {@code hop} seconds. The networks see 3 s (90 steps at 30 fps; 563 mel frames), so a window may be at most
     * that long; a shorter one is zero-padded as the seed pads short clips, and each row says how much was real.
     */
    public static void video(MultimodalModel model, Path file, double window, double hop, TimelineSink sink,
                             Consumer<TimelineProgress> progress) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sink, "sink");
        TimelineWindows.requireWindow(window, model.videoModel().options().windowSeconds());
        VideoDecoder.Info info = VideoDecoder.probe(file);
        List<Double> starts = TimelineWindows.starts(info.durationSeconds(), window, hop);
        if (starts.isEmpty()) {
            throw new MediaException(file, "media has no duration");
        }
        FaceTracker identities = new FaceTracker(0.3);
        int clip = 0;
        for (double start : starts) {
            double end = start + window;
            MultimodalResult r;
            try {
                r = model.predictWindow(file, start, window, null);
            } catch (MediaException e) {
                TimelineWindows.emit(sink, new TimelineRow(clip, start, end, -1, Optional.empty(), Optional.empty(), 0, e.getMessage()));
                identities.add(List.of());
                TimelineWindows.report(progress, Math.min(end, info.durationSeconds()), info.durationSeconds(), ++clip);
                continue;
            }
            String note = r.speechMissing().map(MissingReason::description).orElse("");
            if (!r.hasFace()) {
                identities.add(List.of());
                TimelineWindows.emit(sink, new TimelineRow(clip, start, end, -1, Optional.empty(), r.speech(), r.realSeconds(),
                        (note + " " + MissingReason.NO_FACE.description()).trim()));
            } else {
                List<FaceBox> boxes = new ArrayList<>();
                for (FusedFace f : r.faces()) {
                    boxes.add(FaceBox.of(f.video().box().orElseThrow(() -> new IllegalStateException(file + ", window " + start + " s: a detected face without a box"))));
                }
                int[] ids = identities.add(boxes);
                for (int i = 0; i < r.faces().size(); i++) {
                    FusedFace f = r.faces().get(i);
                    TimelineWindows.emit(sink, new TimelineRow(clip, start, end, ids[i], f.video().box(), Optional.of(f.fused()),
                            r.realSeconds(), note));
                }
            }
            TimelineWindows.report(progress, Math.min(end, info.durationSeconds()), info.durationSeconds(), ++clip);
        }
    }
}
