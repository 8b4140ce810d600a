package org.affect4j.examples.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;
import org.affect4j.core.timeline.CsvTimelineWriter;
import org.affect4j.core.FusedFace;
import org.affect4j.core.MultimodalResult;

/** The README's faces-and-speech quickstart (prints one line per face: box, fused emotion, confidence). */
public final class MultimodalQuickstart {

    private MultimodalQuickstart() {
    }

    /** @param interview a video with sound; @param lecture a longer one; the timeline goes to {@code timeline.csv} beside it */
    public static void run(Path interview, Path lecture) throws IOException {
        Path timelineCsv = lecture.resolveSibling("timeline.csv");
        // README-BEGIN
        try (MultimodalDetector detector = EmotionDetector.multimodal().load()) {   // bundled speech + face models, late fusion
            MultimodalResult r = detector.predict(Clip.of(interview));   // the seed's window: 3 s from 0.5 s
            for (FusedFace face : r.faces()) {
                Prediction fused = face.fused();           // modalities(): {SPEECH, VIDEO}, or {VIDEO} if speech was unusable
                Prediction own = face.video().prediction(); // the face model's own prediction, kept beside the fused one
                face.video().frames();                     // per-frame probabilities (List<FrameEmotion>: time, box, prediction)
                System.out.println(face.video().box().orElseThrow() + " " + fused.emotion() + " " + fused.confidence()); // a box per detected face
            }
            r.speech();                                // Optional: the speech model's own prediction
            r.speechMissing();                         // Optional: why not (MissingReason.NO_AUDIO_TRACK, SILENT_AUDIO)
            r.coversLessThanMedia();                   // true for files longer than the window: use timeline() for those
            // a long recording, streamed window by window (3 s windows, hop 3 s) to CSV or JSON Lines
            try (var out = new CsvTimelineWriter(Files.newBufferedWriter(timelineCsv))) {
                detector.timeline(lecture, 3.0, out, progress -> {});
            }
        }
        // faces only: EmotionDetector.video().load() -> VideoResult (per face: box, clip prediction, per-frame predictions)
        // options: .faceModel(FaceModel.HUMAN_EMOTION), .cropStyle(CropStyle.BOX), multimodal().lateFusion(new LateFusion(1, 0.5))
        // README-END
    }
}
