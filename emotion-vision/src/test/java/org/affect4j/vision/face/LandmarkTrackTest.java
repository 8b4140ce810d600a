package org.affect4j.vision.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.affect4j.core.MediaException;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandmarkTrackTest {

    @Test
    void readsTheRavdessLandmarkFormat() {
        LandmarkTrack t = LandmarkTrack.read(SharedData.require("data/faces/landmarks/01-01-01-01-01-01-01.csv"));
        assertEquals(98, t.frames().size(), "98 rows at 29.97 fps (shared/README.md)");
        LandmarkTrack.Frame f = t.frames().get(0);
        assertEquals(1, f.frame());
        assertTrue(f.success(), "no success column means success");
        FaceBox b = f.box();
        assertTrue(b.width() > 50 && b.height() > 50, "a face-sized box: " + b);
        assertEquals(3.2, t.nearest(3.2).timestamp(), 0.02);
    }

    @Test
    void readsRawOpenFaceOutputWithSpacesAndSuccess() {
        LandmarkTrack t = LandmarkTrack.read(SharedData.require("data/faces/landmarks/extra/OpenFace_Test_pyfeat.csv"));
        assertFalse(t.frames().isEmpty());
        LandmarkTrack.Frame f = t.frames().get(0);
        assertTrue(f.success());
        assertEquals(277.276f, f.xs()[0], 1e-3);
    }

    @Test
    void rejectsFilesThatAreNotLandmarks(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "frame,timestamp,confidence\n1,0,1\n");
        MediaException e = assertThrows(MediaException.class, () -> LandmarkTrack.read(bad));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("x_0"), e.getMessage());
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThrows(MediaException.class, () -> LandmarkTrack.read(empty));
    }
}
