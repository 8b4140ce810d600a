package org.affect4j.core.io;


import java.nio.file.Path;
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
        Fifo.assertRefusedAtOnce(CheckpointException.class, readers, fifo, tmp);
        System.out.println("FIFO refused by " + readers.keySet());
    }
}
