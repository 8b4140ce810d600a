package org.affect4j.examples;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.core.timeline.CsvTimelineWriter;

/**
 * Example: a long video with sound to a CSV timeline (one row per 3 s window and face), as the seed's inference
 * script did for classroom recordings. Memory stays bounded: windows are decoded and written one at a time.
 * <pre>java -cp ... org.affect4j.examples.LongRecordingToCsv lecture.mp4 out.csv modelParams.pkl speech_data_scaler.pkl haarcascade_frontalface_alt2.xml</pre>
 */
public final class LongRecordingToCsv {

    private LongRecordingToCsv() {
    }

    public static void main(String[] args) throws IOException {
        run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), 1);
    }

    /** @param emonetStride 1 = EmoNet on every frame (the seed); larger = faster, coarser */
    public static void run(Path video, Path csv, Path checkpoint, Path scaler, Path haarCascade, int emonetStride) throws IOException {
        try (MultimodalDetector detector = EmotionDetector.multimodal().faceDetector(haarCascade).emonetStride(emonetStride)
                .load(checkpoint, scaler);
             Writer w = Files.newBufferedWriter(csv);
             CsvTimelineWriter out = new CsvTimelineWriter(w)) {
            detector.timeline(video, 3.0, out, null);
        }
    }
}
