package org.affect4j.vision.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.affect4j.core.CheckpointException;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.io.BgrImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaarFaceDetectorTest {

    static Path cascade() {
        return SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml");
    }

    @Test
    void findsTheGridSpeakersFaceWhereTheLandmarksPutIt() {
        String base = "reference/crop/grid_bbaf2n_f40.";
        BgrImage frame = FaceCropperParityTest.image(Npy.read(SharedData.require(base + "image_bgr_u8.npy")));
        double[] bb = Npy.read(SharedData.require(base + "bbox.npy")).toDoubles();
        FaceBox reference = new FaceBox(bb[0], bb[1], bb[2], bb[3]);
        try (HaarFaceDetector d = HaarFaceDetector.load(cascade())) {
            List<FaceBox> faces = d.detect(frame);
            assertEquals(1, faces.size(), "one speaker: " + faces);
            double iou = faces.get(0).iou(reference);
            System.out.printf("Haar box %s vs landmark box %s: IoU %.2f%n", faces.get(0), reference, iou);
            assertTrue(iou > 0.4, "IoU " + iou);
            assertTrue(d.detect(BgrImage.black(360, 288)).isEmpty(), "no face in a black frame");
        }
    }

    @Test
    void badDetectorFilesFailNamingTheFile(@TempDir Path tmp) throws Exception {
        CheckpointException e = assertThrows(CheckpointException.class, () -> HaarFaceDetector.load(tmp.resolve("none.xml")));
        assertTrue(e.getMessage().contains("none.xml") && e.getMessage().contains("not found"), e.getMessage());
        Path junk = tmp.resolve("junk.xml");
        Files.writeString(junk, "<opencv_storage><nonsense/></opencv_storage>");
        e = assertThrows(CheckpointException.class, () -> HaarFaceDetector.load(junk));
        assertTrue(e.getMessage().contains("junk.xml"), e.getMessage());
    }
}
