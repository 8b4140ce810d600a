package org.affect4j.core.ravdess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RavdessFilesTest {

    private static Path touch(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), "x");
    }

    @Test
    void listsRavdessNamesAtAnyDepthSortedByNameAndFollowsLinks(@TempDir Path tmp) throws IOException {
        Path corpus = tmp.resolve("corpus");
        touch(corpus.resolve("Actor_02"), "03-01-05-02-01-01-02.wav");
        touch(corpus.resolve("Actor_01"), "03-01-01-01-01-01-01.WAV");
        touch(corpus.resolve("Actor_01"), "notes.wav");                 // not a RAVDESS name
        touch(corpus.resolve("Actor_01"), "03-01-01-01-01-02-01.mp4");  // other extension
        Path selection = Files.createDirectories(tmp.resolve("selection"));
        Files.createSymbolicLink(selection.resolve("Actor_02"), corpus.resolve("Actor_02"));

        List<String> all = RavdessFiles.list(corpus, ".wav").stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("03-01-01-01-01-01-01.WAV", "03-01-05-02-01-01-02.wav"), all);
        List<Path> linked = RavdessFiles.list(selection, ".wav");
        assertEquals(1, linked.size(), "the linked actor folder is walked");
        assertEquals(selection.resolve("Actor_02").resolve("03-01-05-02-01-01-02.wav"), linked.get(0));
    }

    @Test
    void aLinkLoopOrAMissingFolderIsRefused(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("corpus");
        touch(dir.resolve("Actor_01"), "03-01-01-01-01-01-01.wav");
        Files.createSymbolicLink(dir.resolve("Actor_01").resolve("again"), dir);
        IllegalArgumentException loop = assertThrows(IllegalArgumentException.class, () -> RavdessFiles.list(dir, ".wav"));
        assertTrue(loop.getMessage().contains("form a loop"), loop.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> RavdessFiles.list(tmp.resolve("none"), ".wav"));
        assertTrue(missing.getMessage().contains("is not a directory"), missing.getMessage());
    }
}
