package org.affect4j.examples.readme;

import java.nio.file.Path;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.MultimodalResult;

/** The README's snippet for the seed's own multimodal checkpoint (not distributed: compiled, not run). */
public final class SeedMultimodal {

    private SeedMultimodal() {
    }

    public static void run(Path interview) {
        // README-BEGIN
        try (MultimodalDetector detector = EmotionDetector.multimodal()     // faces: the bundled detector + 68 landmarks
                .load(Path.of("modelParams-multimodal.pkl"), Path.of("speech_data_scaler.pkl"))) {
            // .faceDetector(Path.of("haarcascade_frontalface_alt2.xml")) for OpenCV's Haar cascade, or per-clip OpenFace
            // landmarks: detector.predict(clip, Path.of("landmarks.csv"))
            MultimodalResult r = detector.predict(Clip.of(interview));
            r.faces().get(0).fused().valence();       // EmoNet's valence and arousal come with the seed's video model
        }
        // README-END
    }
}
