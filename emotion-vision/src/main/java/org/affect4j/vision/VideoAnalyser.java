package org.affect4j.vision;

import org.affect4j.core.FaceResult;
import org.affect4j.core.VideoResult;
import java.nio.file.Path;
import org.affect4j.vision.face.LandmarkTrack;
import org.affect4j.vision.io.VideoDecoder;

/**
 * A face-video model: a window of decoded video in, one {@link FaceResult} per tracked face out. Two kinds exist —
 * the seed's EmoNet-LSTM ({@link VideoModel}) and the bundled per-frame expression pipeline
 * ({@link FaceExpressionVideoModel}). Implementations are thread-safe.
 */
public interface VideoAnalyser extends AutoCloseable {

    /** The window and sampling this model analyses. */
    VideoOptions options();

    /** Faces found by the model's detector in its window of {@code video}. */
    VideoResult predict(Path video);

    /** The one face described by an OpenFace landmark CSV of this video. */
    VideoResult predict(Path video, LandmarkTrack landmarks);

    /**
     * Analyses the window [{@code windowStart}, {@code windowStart} + window length] of already decoded media.
     *
     * @param landmarks the face's landmarks, or null to use the detector
     */
    VideoResult analyse(VideoDecoder.Decoded decoded, double windowStart, LandmarkTrack landmarks);

    @Override
    void close();
}
