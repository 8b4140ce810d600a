package org.affect4j.vision.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

    @Test
    void keepsTwoFacesApartAndRecordsMissingFrames() {
        FaceTracker t = new FaceTracker(0.3);
        FaceBox left = new FaceBox(0, 0, 100, 100);
        FaceBox right = new FaceBox(300, 0, 400, 100);
        t.add(List.of(left, right));
        t.add(List.of(new FaceBox(305, 2, 405, 102), new FaceBox(4, 1, 104, 101))); // order swapped, moved a little
        t.add(List.of(new FaceBox(8, 2, 108, 102)));                                // right face missed
        t.add(List.of());                                                            // nobody
        t.add(List.of(new FaceBox(600, 0, 700, 100)));                               // a newcomer
        assertEquals(3, t.tracks().size());
        FaceTracker.Track a = t.tracks().get(0);
        FaceTracker.Track b = t.tracks().get(1);
        assertEquals(3, a.framesWithFace());
        assertEquals(4.0, a.boxes().get(1).x0());
        assertEquals(2, b.framesWithFace());
        assertNull(b.boxes().get(2), "a missed frame stays empty, never another face's box");
        assertEquals(5, t.tracks().get(2).boxes().size());
        assertEquals(1, t.tracks().get(2).framesWithFace());
    }
}
