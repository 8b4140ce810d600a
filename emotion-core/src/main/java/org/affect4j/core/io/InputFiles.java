package org.affect4j.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BiFunction;
import org.affect4j.core.Affect4jException;

/**
 * The one check every reader of user files makes before opening them: the path names an existing <em>regular</em>
 * file. A directory, a named pipe (FIFO), a device or a socket is refused at once — reading a FIFO would block the
 * calling thread forever, a device may never end — with the reader's own typed exception naming the file. Stateless.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * Returns {@code file} when it is a regular file (links followed), otherwise throws {@code error(file, problem)}.
     *
     * @param error builds the typed exception, e.g. {@code MediaException::new} or {@code CheckpointException::new}
     */
    public static <E extends Affect4jException> Path requireRegular(Path file, BiFunction<Path, String, E> error) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(error, "error");
        if (Files.isRegularFile(file)) {
            return file;
        }
        if (!Files.exists(file)) {
            throw error.apply(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw error.apply(file, "is a directory, not a file");
        }
        throw error.apply(file, "not a regular file (a named pipe, device or socket is refused: reading it could block)");
    }
}
