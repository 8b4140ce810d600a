package org.affect4j.vision.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.affect4j.core.MediaException;
import org.affect4j.testing.Fifo;
import org.affect4j.vision.face.LandmarkTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Video, image and landmark readers refuse a named pipe or a directory at once, naming it. */
class MediaFifoTest {

    @TempDir
    Path tmp;

    @Test
    void everyMediaReaderRefusesAFifoAndADirectoryAtOnce() throws Exception {
        Path fifo = Fifo.make(tmp, "clip.mp4");
        Map<String, Consumer<Path>> readers = Map.of(
                "VideoDecoder.probe", VideoDecoder::probe,
                "VideoDecoder.decode", p -> VideoDecoder.decode(p, 0, 3, true),
                "ImageFiles", ImageFiles::read,
                "LandmarkTrack", LandmarkTrack::read);
        Fifo.assertRefusedAtOnce(MediaException.class, readers, fifo, tmp);
    }

    @Test
    void aHeaderClaimingHugeFramesIsRefusedBeforeDecoding() throws Exception {
        // a YUV4MPEG2 header is plain text: it claims 12000x12000 frames (144 MP; FFmpeg opens it) and holds no pixels
        Path y4m = tmp.resolve("huge.y4m");
        java.nio.file.Files.writeString(y4m, "YUV4MPEG2 W12000 H12000 F25:1 Ip A1:1 C420jpeg\nFRAME\n");
        for (Consumer<Path> reader : java.util.List.<Consumer<Path>>of(VideoDecoder::probe, p -> VideoDecoder.decode(p, 0, 1, false))) {
            MediaException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(MediaException.class, () -> reader.accept(y4m)));
            System.out.println("huge header: " + e.getMessage());
            assertTrue(e.getMessage().contains("huge.y4m") && e.getMessage().contains("12000x12000 pixels exceed the"), e.getMessage());
        }
    }
}
