package org.affect4j.core.emodb;

import java.nio.file.Path;
import java.util.List;
import org.affect4j.core.io.CorpusFiles;

/** Finds Emo-DB WAV files under a folder (any depth, e.g. {@code wav/}), sorted by file name. */
public final class EmoDbFiles {

    private EmoDbFiles() {
    }

    /**
     * Every regular {@code .wav} file under {@code dir} whose name parses as an Emo-DB name, boredom included.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory, or its links form a loop
     */
    public static List<Path> list(Path dir) {
        return CorpusFiles.list(dir, ".wav", EmoDbFileName::isEmoDbName);
    }

    /** As {@link #list}, less the boredom clips: the ones a model with RAVDESS's eight emotions can be scored on. */
    public static List<Path> listWithRavdessEmotion(Path dir) {
        return list(dir).stream().filter(p -> EmoDbFileName.parse(p).emotion().isPresent()).toList();
    }
}
