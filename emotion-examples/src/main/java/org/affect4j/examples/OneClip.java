package org.affect4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import org.affect4j.EmotionDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.Emotion;
import org.affect4j.core.Prediction;

/**
 * Example: the emotion of one speech clip.
 * <pre>java -cp ... org.affect4j.examples.OneClip clip.wav cnn_transf_parallel_model.pt speech_data_scaler.pkl</pre>
 */
public final class OneClip {

    private OneClip() {
    }

    public static void main(String[] args) {
        run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), System.out);
    }

    public static Prediction run(Path wav, Path checkpoint, Path scaler, PrintStream out) {
        try (SpeechDetector detector = EmotionDetector.speech().load(checkpoint, scaler)) {
            Prediction p = detector.predict(Clip.of(wav));
            out.printf("%s: %s (%.1f %%)%n", wav.getFileName(), p.emotion().label(), 100 * p.confidence());
            for (Emotion e : Emotion.values()) {
                out.printf("  %-10s %.3f%n", e.label(), p.probability(e));
            }
            return p;
        }
    }
}
