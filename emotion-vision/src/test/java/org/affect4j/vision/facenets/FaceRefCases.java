package org.affect4j.vision.facenets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.io.BgrImage;
import org.affect4j.vision.io.ImageFiles;
import org.affect4j.vision.io.VideoDecoder;

/**
 * The real images and frames the face networks' reference outputs were made on, decoded by the library itself (the
 * reference script reads them as PNGs that {@link FaceRefInputs} wrote from exactly these pixels). Shared by the tool
 * and the parity tests so that both see the same inputs.
 */
final class FaceRefCases {

    /** One input: "face" = the whole image is a face crop, "frame" = a scene for the detector. */
    record Case(String name, String kind, BgrImage image) {
    }

    private FaceRefCases() {
    }

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        for (String f : List.of("anger/S010_004_00000019.png", "happy/S010_006_00000015.png", "surprise/S010_002_00000014.png",
                "sadness/S011_002_00000022.png")) {
            out.add(new Case("ck-" + f.replace('/', '-').replace(".png", ""), "face", image(f)));
        }
        for (String f : List.of("anger/KA.AN1.39.jpg", "happy/KL.HA1.158.jpg", "neutral/KA.NE1.26.jpg")) {
            out.add(new Case("jaffe-" + f.replace('/', '-').replace(".jpg", ""), "face", image(f)));
        }
        out.add(new Case("jaffe-frame-KA.SU1.36", "frame", image("surprise/KA.SU1.36.jpg")));
        out.add(new Case("grid-bbaf2n-t0", "frame", frame("video/bbaf2n.mpg", 0.0)));
        out.add(new Case("pexels-t1", "frame", frame("video/extra/WolfgangLanger_Pexels.mp4", 1.0)));
        out.add(new Case("pexels-t9", "frame", frame("video/extra/WolfgangLanger_Pexels.mp4", 9.0)));
        return out;
    }

    /** One labelled image of {@code ../shared/data/faces/images} (labels.csv): path, folder label, dataset. */
    record Labelled(String path, String label, String dataset) {
        String name() {
            return "lab-" + path.replace('/', '-');
        }
    }

    /** Every image listed in labels.csv, in file order. */
    static List<Labelled> labelled() {
        try {
            List<Labelled> out = new ArrayList<>();
            List<String> lines = java.nio.file.Files.readAllLines(SharedData.require("data/faces/images/labels.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                out.add(new Labelled(c[0], c[1], c[2].startsWith("CK+") ? "CK+" : "JAFFE"));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static BgrImage image(String rel) {
        return ImageFiles.read(SharedData.require("data/faces/images/" + rel));
    }

    /** The first frame at or after {@code seconds}. */
    static BgrImage frame(String rel, double seconds) {
        Path file = SharedData.require("data/faces/" + rel);
        var frames = VideoDecoder.decode(file, seconds, seconds + 0.5, false).frames();
        if (frames.isEmpty()) {
            throw new IllegalStateException(file + " has no frame in [" + seconds + ", " + (seconds + 0.5) + "]");
        }
        return frames.get(0).image();
    }
}
