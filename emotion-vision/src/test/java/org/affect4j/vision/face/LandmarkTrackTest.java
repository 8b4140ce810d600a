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

    /** A binary file (an image, a video) given as the landmark CSV is called not a text CSV, naming the file. */
    @Test
    void aBinaryFileIsCalledNotATextCsv(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("face.jpg.csv");
        Files.copy(SharedData.require("data/faces/images/anger/KA.AN1.39.jpg"), png);
        Path zeros = tmp.resolve("zeros.csv");
        Files.write(zeros, new byte[] {'f', 'r', 'a', 'm', 'e', 0, 0, 0, '\n', '1', 0});
        for (Path f : new Path[] {png, zeros}) {
            MediaException e = assertThrows(MediaException.class, () -> LandmarkTrack.read(f));
            assertTrue(e.getMessage().contains(f.getFileName().toString()) && e.getMessage().contains("not a text CSV"), e.getMessage());
        }
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
