package org.affect4j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Finds a corpus's media under a folder (any depth), by extension and file-name pattern. Stateless. */
public final class CorpusFiles {

    private CorpusFiles() {
    }

    /**
     * Every regular file under {@code dir} whose name ends with {@code extension} (case-insensitive, e.g.
     * {@code ".wav"}) and is accepted by {@code name}. Symbolic links are followed (e.g. a folder of links to some
     * speakers' folders). Sorted by file name, then path.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory, or its links form a loop
     */
    public static List<Path> list(Path dir, String extension, Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        String ext = extension.toLowerCase(Locale.ROOT);
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext))
                    .filter(p -> name.test(p.getFileName().toString()))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).thenComparing(Path::toString))
                    .toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemLoopException loop) {
                throw new IllegalArgumentException("symbolic links under " + dir + " form a loop at " + loop.getFile(), e);
            }
            throw new UncheckedIOException("cannot list " + dir, e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
