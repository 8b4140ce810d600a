package org.affect4j.vision.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.affect4j.core.MediaException;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A window whose decoded frames would not fit in three quarters of the heap is refused before decoding, instead of ending in an
 * OutOfMemoryError. Tagged "small-heap": run by Surefire with {@code -Xmx256m}, where the Pexels clip's 19.7 s of
 * 640×360 frames (≈ 330 MB) do not fit, while a 3 s window (≈ 50 MB) does.
 */
@Tag("small-heap")
class LargeVideoWindowTest {

    @Test
    void aWindowTooLargeForTheHeapIsRefusedAndAShortOneDecodes() {
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() <= 512L << 20, "heap-dependent: runs with -Xmx256m");
        Path clip = SharedData.require("data/faces/video/extra/WolfgangLanger_Pexels.mp4");
        MediaException e = assertThrows(MediaException.class, () -> VideoDecoder.decode(clip, 0, 3600, false));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("WolfgangLanger_Pexels.mp4") && e.getMessage().contains("more than three quarters of this JVM's heap"),
                e.getMessage());
        VideoDecoder.Decoded d = VideoDecoder.decode(clip, 1.0, 4.0, false);
        assertEquals(640, d.width());
        assertTrue(d.frames().size() >= 70, "a 3 s window decodes: " + d.frames().size());
    }
}
