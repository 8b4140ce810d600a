package org.affect4j.core;

import java.nio.file.Path;

/**
 * A model checkpoint (PyTorch, scikit-learn pickle, or our own format) could not be read or does not fit
 * the network: truncated, malformed, a disallowed pickle global, missing/extra/mis-shaped tensors.
 */
public class CheckpointException extends Affect4jException {
    private final transient Path file;

    /** {@code file} (may be {@code null} for in-memory input) cannot be used as a model because of {@code problem}. */
    public CheckpointException(Path file, String problem) {
        super((file == null ? "<checkpoint>" : file.toString()) + ": " + problem);
        this.file = file;
    }

    /** As {@link #CheckpointException(Path, String)}, caused by {@code cause}. */
    public CheckpointException(Path file, String problem, Throwable cause) {
        super((file == null ? "<checkpoint>" : file.toString()) + ": " + problem, cause);
        this.file = file;
    }

    /** The checkpoint file concerned, or {@code null} for in-memory input. */
    public Path file() {
        return file;
    }
}
