package org.affect4j.core;

import java.nio.file.Path;
import java.util.List;

/**
 * The video model's result for one window of one file: one {@link FaceResult} per tracked face (largest track
 * first). {@link #faces()} is empty when no face was found in any frame — stated, never replaced by a guess.
 * {@code framesDecoded} counts the video frames read from the window; a face's step counts are in the model's own
 * steps (see {@link FaceResult}).
 *
 * @param source        the media file
 * @param frameRate     frame rate of the decoded video
 * @param framesDecoded video frames read from the window
 * @param faces         one result per tracked face, largest track first
 */
public record VideoResult(Path source, double frameRate, int framesDecoded, List<FaceResult> faces) {
    /** Copies {@code faces} (the result is immutable). @throws NullPointerException if {@code source} or a face is null */
    public VideoResult {
        java.util.Objects.requireNonNull(source, "source");
        faces = List.copyOf(faces);
    }

    /** Whether any face was found in the window. */
    public boolean hasFace() {
        return !faces.isEmpty();
    }

    /** The face seen in the most frames. @throws IllegalStateException when there is none */
    public FaceResult mainFace() {
        if (faces.isEmpty()) {
            throw new IllegalStateException("no face was found in " + source);
        }
        return faces.get(0);
    }
}
