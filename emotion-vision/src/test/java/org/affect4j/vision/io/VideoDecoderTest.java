package org.affect4j.vision.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.affect4j.core.MediaException;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoDecoderTest {

    @Test
    void decodesGridClipFramesTimestampsAndAudio() {
        Path clip = SharedData.require("data/faces/video/bbaf2n.mpg");
        VideoDecoder.Decoded d = VideoDecoder.decode(clip, 0.5, 3.5, true);
        System.out.printf("%s: %d frames in [0.5, 3.5] s at %.2f fps, %dx%d, audio %d samples @ %d Hz, duration %.2f s%n",
                clip.getFileName(), d.frames().size(), d.frameRate(), d.width(), d.height(),
                d.hasAudio() ? d.audio().length : 0, d.audioRate(), d.durationSeconds());
        assertEquals(25.0, d.frameRate(), 0.01);
        assertEquals(360, d.width());
        assertEquals(288, d.height());
        assertTrue(d.frames().size() >= 60 && d.frames().size() <= 64, "2.5 s of 25 fps video: " + d.frames().size());
        for (int i = 1; i < d.frames().size(); i++) {
            assertEquals(0.04, d.frames().get(i).seconds() - d.frames().get(i - 1).seconds(), 1e-3, "frames in order at 25 fps");
        }
        assertTrue(d.frames().get(0).seconds() >= 0.5 - 1e-9);
        assertEquals(44_100, d.audioRate());
        assertTrue(d.hasAudio() && Math.abs(d.audio().length - 2.5 * 44_100) < 44_100 * 0.1, "audio covers the window: " + d.audio().length);
        // frames are distinct copies, not one reused buffer
        assertFalse(java.util.Arrays.equals(d.frames().get(0).image().bytes(), d.frames().get(30).image().bytes()));
    }

    @Test
    void unreadableFilesFailNamingTheFile(@TempDir Path tmp) throws Exception {
        Path junk = tmp.resolve("junk.mp4");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        MediaException e = assertThrows(MediaException.class, () -> VideoDecoder.decode(junk, 0, 3, true));
        assertTrue(e.getMessage().contains("junk.mp4"), e.getMessage());
        // FFmpeg's error as words, without JavaCV's developer hints
        for (MediaException m : List.of(e, assertThrows(MediaException.class, () -> VideoDecoder.probe(junk)))) {
            assertTrue(m.getMessage().contains("not a media file FFmpeg can read"), m.getMessage());
            assertFalse(m.getMessage().contains("setFormat") || m.getMessage().contains("FFmpegLogCallback"), m.getMessage());
        }
        // a still image renamed .mp4 is called an image (FFmpeg alone would decode it as a one-frame video)
        Path jpg = tmp.resolve("photo.mp4");
        Files.copy(SharedData.require("data/faces/images/anger/KA.AN1.39.jpg"), jpg);
        for (MediaException m : List.of(assertThrows(MediaException.class, () -> VideoDecoder.decode(jpg, 0, 3, true)),
                assertThrows(MediaException.class, () -> VideoDecoder.probe(jpg)))) {
            assertTrue(m.getMessage().contains("photo.mp4: is a JPEG image, not a video"), m.getMessage());
        }
        Path png = tmp.resolve("frame.avi");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        assertTrue(assertThrows(MediaException.class, () -> VideoDecoder.decode(png, 0, 3, false)).getMessage().contains("is a PNG image"));
        Path cut = tmp.resolve("cut.mpg");
        byte[] full = Files.readAllBytes(SharedData.require("data/faces/video/bbaf2n.mpg"));
        Files.write(cut, java.util.Arrays.copyOf(full, 2000));
        // a truncated file either fails with a MediaException or yields fewer frames, never a crash
        try {
            VideoDecoder.Decoded d = VideoDecoder.decode(cut, 0, 3, true);
            assertTrue(d.frames().size() < 5, "truncated file decoded " + d.frames().size() + " frames");
        } catch (MediaException expected) {
            assertTrue(expected.getMessage().contains("cut.mpg"));
        }
        assertThrows(MediaException.class, () -> VideoDecoder.decode(tmp.resolve("missing.mp4"), 0, 3, true));
    }
}
