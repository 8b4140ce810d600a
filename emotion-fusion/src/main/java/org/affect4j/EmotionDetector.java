package org.affect4j;

/**
 * Entry point of the library. Pick a modality, say what to load, then predict:
 *
 * <pre>{@code
 * try (SpeechDetector detector = EmotionDetector.speech()
 *         .load(Path.of("cnn_transf_parallel_model.pt"), Path.of("speech_data_scaler.pkl"))) {
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
        return new SpeechDetector.Builder();
    }

    /** Speech + face video, fused as the seed's multimodal model does. */
    public static MultimodalDetector.Builder multimodal() {
        return new MultimodalDetector.Builder();
    }

    /** Face-video emotion recognition (the seed's EmoNet per frame + bidirectional LSTM over 90 frames). */
    public static VideoDetector.Builder video() {
        return new VideoDetector.Builder();
    }
}
