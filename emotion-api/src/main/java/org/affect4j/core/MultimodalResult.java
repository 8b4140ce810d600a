package org.affect4j.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The multimodal result for one window of a file. Immutable; no component is null. Either speech was usable
 * ({@link #speech()} present) or {@link #speechMissing()} says why not; either way at least one face or the speech
 * prediction is there (a window with neither is refused with a {@code MediaException}).
 *
 * @param source        the media file
 * @param start         window start (s)
 * @param end           window end (s)
 * @param realSeconds   how much of the window held real media (the rest was zero-padded, as the seed pads)
 * @param speech        the speech model's prediction, empty when speech was unusable
 * @param speechMissing why speech was not used, empty when it was
 * @param faces         one entry per tracked face (empty when no face was found)
 * @param mediaSeconds  duration of the whole file, so callers see when it is longer than the analysed window
 */
public record MultimodalResult(Path source, double start, double end, double realSeconds, Optional<Prediction> speech,
                               Optional<MissingReason> speechMissing, List<FusedFace> faces, double mediaSeconds) {

    /**
     * Copies {@code faces} (the result is immutable).
     *
     * @throws IllegalArgumentException if speech is both present and missing (or neither), or if there is neither a
     *                                  face nor speech
     */
    public MultimodalResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(speech, "speech");
        Objects.requireNonNull(speechMissing, "speechMissing");
        faces = List.copyOf(faces);
        if (speech.isPresent() == speechMissing.isPresent()) {
            throw new IllegalArgumentException(source + ": give either the speech prediction or why it is missing, not " + speech
                    + " and " + speechMissing);
        }
        if (faces.isEmpty() && speech.isEmpty()) {
            throw new IllegalArgumentException(source + ": a result needs a face or speech");
        }
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
     * The predictions to report (never empty): one fused (or video-only) prediction per face, or — when no face was
     * found — the speech-only prediction.
     */
    public List<Prediction> predictions() {
        return faces.isEmpty() ? List.of(speech.orElseThrow()) : faces.stream().map(FusedFace::fused).toList();
    }
}
