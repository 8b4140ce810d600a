package org.affect4j.examples.readme;

import java.nio.file.Path;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;
import org.affect4j.core.MultimodalResult;

/** The README's speech + OpenFace action units quickstart (prints the fused and the branch's emotion). */
public final class ActionUnitQuickstart {

    private ActionUnitQuickstart() {
    }

    /** @param clip a WAV or a video with sound; @param openFaceCsv its OpenFace 2.x CSV */
    public static void run(Path clip, Path openFaceCsv) {
        // README-BEGIN
        try (MultimodalDetector detector = EmotionDetector.multimodal().actionUnits().load()) {
            MultimodalResult r = detector.predict(Clip.of(clip), openFaceCsv);   // clip: WAV or video; its OpenFace 2.x CSV
            Prediction fused = r.faces().get(0).fused();           // speech + action units through the trained layer
            Prediction face = r.faces().get(0).video().prediction(); // the action-unit branch alone
            System.out.println(fused.emotion() + " " + fused.confidence() + " (action units alone: " + face.emotion() + ")");
        }
        // README-END
    }
}
