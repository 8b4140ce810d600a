package org.affect4j.core.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.TfjsGraphModel;
import org.affect4j.core.checkpoint.TfjsWeights;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.testing.Fifo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint readers refuse a named pipe or a directory at once (a FIFO would otherwise block the thread forever). */
class InputFilesTest {

    @TempDir
    Path tmp;

    @Test
    void everyCheckpointReaderRefusesAFifoAndADirectoryAtOnce() throws Exception {
        Path fifo = Fifo.make(tmp, "model.pt");
        Map<String, Consumer<Path>> readers = Map.of(
                "TorchCheckpoint", TorchCheckpoint::load,
                "SklearnScaler", SklearnScaler::read,
                "ModelArchive", ModelArchive::read,
                "TfjsWeights", TfjsWeights::read,
                "TfjsGraphModel", TfjsGraphModel::read);
        readers.forEach((name, reader) -> {
            for (Path p : new Path[] {fifo, tmp}) {
                CheckpointException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(CheckpointException.class, () -> reader.accept(p)), name + " blocked on " + p);
                assertTrue(e.getMessage().startsWith(p.toString()) && (e.getMessage().contains("not a regular file")
                        || e.getMessage().contains("is a directory")), name + ": " + e.getMessage());
            }
        });
        System.out.println("FIFO refused by " + readers.keySet());
    }
}
