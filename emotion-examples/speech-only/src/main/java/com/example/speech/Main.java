package com.example.speech;

import java.nio.file.Path;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;

/** Speech only: predicts the emotion of one WAV with the bundled speech model, with emotion-audio as the one dependency. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Main <file.wav>");
        }
        for (String visionClass : new String[] {"org.bytedeco.javacv.FFmpegFrameGrabber", "org.bytedeco.opencv.global.opencv_core",
                "org.bytedeco.ffmpeg.global.avformat", "org.affect4j.vision.io.VideoDecoder"}) {
            try {
                Class.forName(visionClass, false, Main.class.getClassLoader());
                throw new IllegalStateException(visionClass + " is on a speech-only classpath");
            } catch (ClassNotFoundException expected) {
                // as it should be: speech needs no video decoding
            }
        }
        try (SpeechDetector detector = SpeechDetector.builder().load()) {
            Prediction p = detector.predict(Clip.of(Path.of(args[0])));
            double sum = p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
            if (Math.abs(sum - 1) > 1e-4) {
                throw new IllegalStateException("probabilities sum to " + sum);
            }
            System.out.println("speech only: " + args[0] + ": " + p.emotion() + " " + p.confidence());
        }
    }
}
