package org.affect4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.affect4j.EmotionDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;

/**
 * Example: every WAV in a folder, predicted in batches, one CSV line per file ({@code file,label,confidence}).
 * <pre>java -cp ... org.affect4j.examples.FolderBatch folder/ cnn_transf_parallel_model.pt speech_data_scaler.pkl</pre>
 */
public final class FolderBatch {

    private FolderBatch() {
    }

    public static void main(String[] args) throws IOException {
        run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), System.out);
    }

    public static List<Prediction> run(Path folder, Path checkpoint, Path scaler, PrintStream out) throws IOException {
        List<Path> wavs;
        try (Stream<Path> s = Files.list(folder)) {
            wavs = s.filter(p -> p.toString().toLowerCase().endsWith(".wav")).sorted().toList();
        }
        try (SpeechDetector detector = EmotionDetector.speech().maxBatch(16).load(checkpoint, scaler)) {
            List<Prediction> predictions = detector.predict(wavs.stream().map(Clip::of).toList());
            out.println("file,label,confidence");
            for (int i = 0; i < wavs.size(); i++) {
                out.printf("%s,%s,%.4f%n", wavs.get(i).getFileName(), predictions.get(i).emotion().label(), predictions.get(i).confidence());
            }
            return predictions;
        }
    }
}
