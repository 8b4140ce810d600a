package org.affect4j.core;

import java.nio.file.Path;

/** A media file (audio or video) could not be read: missing, corrupt, truncated, unsupported, silent. */
public class MediaException extends Affect4jException {
    private final transient Path file;

    /** {@code file} ({@code null} for in-memory input) cannot be read or scored because of {@code problem}. */
    public MediaException(Path file, String problem) {
        super(describe(file, problem));
        this.file = file;
    }

    /** As {@link #MediaException(Path, String)}, caused by {@code cause}. */
    public MediaException(Path file, String problem, Throwable cause) {
        super(describe(file, problem), cause);
        this.file = file;
    }

    private static String describe(Path file, String problem) {
        return (file == null ? "<in-memory input>" : file.toString()) + ": " + problem;
    }

    /** The file concerned, or {@code null} for in-memory input. */
    public Path file() {
        return file;
    }
}
