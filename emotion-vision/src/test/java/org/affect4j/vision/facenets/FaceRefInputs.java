package org.affect4j.vision.facenets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.affect4j.vision.io.ImageFiles;

/**
 * Writes {@link FaceRefCases} as lossless PNGs plus {@code inputs.json} into a folder, for
 * {@code src/test/tfjs/make-face-refs.cjs} (see the README there). A developer tool, run by hand; not a test.
 */
public final class FaceRefInputs {

    private FaceRefInputs() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FaceRefInputs <output folder>  (../shared from -Daffect4j.shared)");
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        List<String> entries = new ArrayList<>();
        for (FaceRefCases.Case c : FaceRefCases.all()) {
            String file = c.name() + ".png";
            if (!ImageIO.write(ImageFiles.toBufferedImage(c.image()), "png", dir.resolve(file).toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
            entries.add("{\"name\":\"" + c.name() + "\",\"file\":\"" + file + "\",\"kind\":\"" + c.kind() + "\"}");
        }
        for (FaceRefCases.Labelled l : FaceRefCases.labelled()) {
            String file = l.name().replace(".jpg", "").replace(".png", "") + ".png";
            if (!ImageIO.write(ImageFiles.toBufferedImage(FaceRefCases.image(l.path())), "png", dir.resolve(file).toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
            entries.add("{\"name\":\"" + l.name() + "\",\"file\":\"" + file + "\",\"kind\":\"labelled\"}");
        }
        Files.writeString(dir.resolve("inputs.json"), "[" + String.join(",\n", entries) + "]\n");
        System.out.println("wrote " + entries.size() + " inputs to " + dir);
    }
}
