package org.affect4j.vision.face;

import java.util.List;
import org.affect4j.vision.io.BgrImage;

/** Finds faces in one image. Implementations say whether they are thread-safe. */
public interface FaceDetector extends AutoCloseable {

    /** Face boxes in {@code image}, largest first; empty when there is none. */
    List<FaceBox> detect(BgrImage image);

    @Override
    default void close() {
    }
}
