package org.affect4j.examples.readme;

import java.nio.file.Path;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.FusedFace;
import org.affect4j.core.MultimodalResult;

/** docs/multimodal.md's tour of an action-unit fusion result (what each part of the result holds). */
public final class ActionUnitResultTour {

    private ActionUnitResultTour() {
    }

    public static void run() {
        // README-BEGIN
        try (MultimodalDetector d = EmotionDetector.multimodal().actionUnits().load()) {
            MultimodalResult r = d.predict(Clip.of(Path.of("clip.wav")), Path.of("clip-openface.csv"));   // or a video with sound
            FusedFace face = r.faces().get(0);
            face.fused();                  // speech + action units through the trained layer (modalities SPEECH, VIDEO)
            face.video().prediction();     // the action-unit branch alone
            r.speech();                    // the speech model alone (Optional; empty for silent or no audio: r.speechMissing() says which)
        }
        // README-END
    }
}
