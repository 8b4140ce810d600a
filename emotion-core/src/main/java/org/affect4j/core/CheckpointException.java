package org.affect4j.core;

import java.nio.file.Path;

/**
 * A model checkpoint (PyTorch, scikit-learn pickle, or our own format) could not be read or does not fit
 * the network: truncated, malformed, a disallowed pickle global, missing/extra/mis-shaped tensors.
 */
public class CheckpointException extends Affect4jException {
    private final transient Path file;

    public CheckpointException(Path file, String problem) {
        super((file == null ? "<checkpoint>" : file.toString()) + ": " + problem);
        this.file = file;
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super((file == null ? "<checkpoint>" : file.toString()) + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
