package org.affect4j;

import org.affect4j.audio.SpeechDetector;

/**
 * Entry point of the library. Pick a modality, say what to load, then predict:
 *
 * <pre>{@code
 * try (SpeechDetector detector = EmotionDetector.speech().load()) {   // the bundled model
 *     // or .load(Path.of("cnn_transf_parallel_model.pt"), Path.of("speech_data_scaler.pkl")): the seed's checkpoint
 *     Prediction p = detector.predict(Clip.of(Path.of("03-01-05-02-01-02-12.wav")));
 *     Emotion top = p.emotion();          // e.g. ANGRY
 *     double confidence = p.confidence(); // its probability
 * }
 * }</pre>
 *
 * Builders are mutable and single-threaded; the detectors they load are immutable and thread-safe.
 */
public final class EmotionDetector {

    private EmotionDetector() {
    }

    /** Speech emotion recognition (the seed's CNN + Transformer over a 3 s mel spectrogram). */
    public static SpeechDetector.Builder speech() {
        return SpeechDetector.builder();
    }

    /**
     * Speech + face video: {@code load()} fuses the bundled speech and face models (late fusion); {@code load(checkpoint,
     * scaler)} runs the seed's trained multimodal model.
     */
    public static MultimodalDetector.Builder multimodal() {
        return new MultimodalDetector.Builder();
    }

    /**
     * Face-video emotion recognition: {@code load()} the bundled per-frame face pipeline (detector, landmark alignment,
     * expression net); {@code load(checkpoint)} the seed's EmoNet per frame + bidirectional LSTM over 90 frames.
     */
    public static VideoDetector.Builder video() {
        return new VideoDetector.Builder();
    }
}
