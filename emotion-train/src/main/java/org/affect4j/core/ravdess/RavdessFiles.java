package org.affect4j.core.ravdess;

import java.nio.file.Path;
import java.util.List;
import org.affect4j.core.io.CorpusFiles;

/** Finds RAVDESS media under a folder (any depth, e.g. {@code Actor_NN/}), sorted by file name. */
public final class RavdessFiles {

    private RavdessFiles() {
    }

    /**
     * Every regular file under {@code dir} whose name ends with {@code extension} (case-insensitive, e.g.
     * {@code ".wav"}) and parses as a RAVDESS name. Symbolic links are followed (e.g. a folder of links to some
     * actors' folders). Sorted by file name, then path.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory, or its links form a loop
     */
    public static List<Path> list(Path dir, String extension) {
        return CorpusFiles.list(dir, extension, RavdessFileName::isRavdessName);
    }
}
