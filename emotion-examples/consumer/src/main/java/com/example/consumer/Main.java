package com.example.consumer;

import java.nio.file.Path;
import org.affect4j.EmotionDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;

/** Predicts the emotion of one WAV with the bundled speech model. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Main <file.wav>");
        }
        try (SpeechDetector detector = EmotionDetector.speech().load()) {
            Prediction p = detector.predict(Clip.of(Path.of(args[0])));
            double sum = p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
            if (Math.abs(sum - 1) > 1e-4) {
                throw new IllegalStateException("probabilities sum to " + sum);
            }
            System.out.println(args[0] + ": " + p.emotion() + " " + p.confidence());
        }
    }
}
