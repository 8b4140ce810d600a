package org.affect4j.core;

import java.nio.file.Path;

/** The audio window holds no signal (digital silence or below the silence threshold): nothing to classify. */
public class SilentAudioException extends MediaException {
    /** The scored window of {@code file} ({@code null} for in-memory input) is silent; {@code problem} says how. */
    public SilentAudioException(Path file, String problem) {
        super(file, problem);
    }
}
