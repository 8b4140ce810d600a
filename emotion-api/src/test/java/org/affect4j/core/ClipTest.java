package org.affect4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClipTest {

    @Test
    void aFileClipIsAFileAndNamedAfterIt() {
        Clip c = Clip.of(Path.of("dir", "a.wav"));
        assertTrue(c instanceof Clip.File f && f.path().equals(Path.of("dir", "a.wav")));
        assertEquals("a.wav", c.name());
        assertEquals(Optional.of(Path.of("dir", "a.wav")), c.file());
        assertEquals(Clip.of(Path.of("dir", "a.wav")), c, "file clips are values");
    }

    @Test
    void aPcmClipCopiesItsSamplesInAndOut() {
        float[] samples = {0.1f, -0.2f, 0.3f};
        Clip c = Clip.ofPcm(samples, 16_000, "mic");
        samples[0] = 0.9f;
        Clip.Pcm p = (Clip.Pcm) c;
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, p.samples());
        p.samples()[1] = 0.9f;
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, p.samples());
        assertEquals(16_000, p.sampleRate());
        assertEquals(3, p.length());
        assertEquals(Optional.empty(), c.file());
    }

    @Test
    void badPcmIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Clip.ofPcm(new float[] {Float.NaN}, 16_000, "x"));
        assertThrows(IllegalArgumentException.class, () -> Clip.ofPcm(new float[1], 0, "x"));
        assertThrows(NullPointerException.class, () -> Clip.ofPcm(new float[1], 16_000, null));
        assertThrows(NullPointerException.class, () -> Clip.of(null));
    }
}
