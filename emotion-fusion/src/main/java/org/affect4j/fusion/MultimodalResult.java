package org.affect4j.fusion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.affect4j.core.Prediction;

/**
 * The multimodal result for one window of a file.
 *
 * @param source        the media file
 * @param start         window start (s)
 * @param end           window end (s)
 * @param realSeconds   how much of the window held real media (the rest was zero-padded, as the seed pads)
 * @param speech        the speech model's prediction, or null when speech was unusable
 * @param speechProblem why speech was not used ("no audio track", "silent audio …"), or null
 * @param faces         one entry per tracked face (empty when no face was found)
 * @param mediaSeconds  duration of the whole file, so callers see when it is longer than the analysed window
 */
public record MultimodalResult(Path source, double start, double end, double realSeconds, Prediction speech,
                               String speechProblem, List<FusedFace> faces, double mediaSeconds) {

    /** Copies {@code faces} (the result is immutable). */
    public MultimodalResult {
        faces = List.copyOf(faces);
    }

    /** The speech model's prediction, or empty when speech was unusable ({@link #speechProblem()} says why). */
    public Optional<Prediction> speechPrediction() {
        return Optional.ofNullable(speech);
    }

    /**
     * True when the file continues more than a second past the analysed window: this result covers only
     * [start, end]; use a timeline for the whole file.
     */
    public boolean coversLessThanMedia() {
        return mediaSeconds > end + 1.0;
    }

    /** Whether at least one face was found (otherwise the result is speech-only). */
    public boolean hasFace() {
        return !faces.isEmpty();
    }

    /**
     * The predictions to report: one fused (or video-only) prediction per face, or — when no face was found — the
     * speech-only prediction.
     */
    public List<Prediction> predictions() {
        List<Prediction> out = new ArrayList<>();
        if (faces.isEmpty()) {
            out.add(speech);
        } else {
            for (FusedFace f : faces) {
                out.add(f.fused());
            }
        }
        return out;
    }
}
