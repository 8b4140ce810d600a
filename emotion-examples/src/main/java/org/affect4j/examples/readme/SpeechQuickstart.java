package org.affect4j.examples.readme;

import java.nio.file.Path;
import java.util.List;
import org.affect4j.EmotionDetector;
import org.affect4j.SpeechDetector;
import org.affect4j.audio.BundledSpeechModel;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;

/** The README's speech quickstart (prints the first prediction as "EMOTION confidence"). */
public final class SpeechQuickstart {

    private SpeechQuickstart() {
    }

    /**
     * @param wav        a WAV
     * @param samples    mono PCM in [-1, 1] at 16 kHz
     * @param a          another WAV
     * @param b          another WAV
     * @param aliceClips unlabelled clips of one speaker (16 or more)
     * @param aliceToday a new clip of that speaker
     */
    public static void run(Path wav, float[] samples, Path a, Path b, List<Clip> aliceClips, Path aliceToday) {
        // README-BEGIN
        try (SpeechDetector detector = EmotionDetector.speech().load()) {   // the bundled model (see MODEL_CARD.md)
            // or .load(Path.of("best-model.zip"))                              — a model trained with `affect4j train`
            // or .load(Path.of("cnn_transf_parallel_model.pt"), Path.of("speech_data_scaler.pkl"))   — the seed's checkpoint
            // EmotionDetector.speech().windowOffsets(0.3, 0.5, 0.7).load() averages three 3 s windows per clip (beyond the seed)
            Prediction p = detector.predict(Clip.of(wav));            // wav: a Path, e.g. Path.of("03-01-05-02-01-02-12.wav")
            System.out.println(p.emotion() + " " + p.confidence());   // e.g. ANGRY 0.998
            p.probabilities();                                        // Map<Emotion, Double>, sums to 1
            p.logits();                                               // raw logits in p.labelOrder()
            detector.predict(Clip.ofPcm(samples, 16_000, "mic"));     // float[] mono [-1, 1], any rate 4–384 kHz
            detector.predict(List.of(Clip.of(a), Clip.of(b)));        // batched through the network
            // speaker calibration (beyond the seed): a view tuned to one speaker from ≥ 16 unlabelled clips of them
            SpeechDetector forAlice = detector.forSpeaker(aliceClips);   // List<Clip>; shares the network; docs/training.md
            forAlice.predict(Clip.of(aliceToday));
        }
        // when clips of the speaker are available, the second bundled model is trained for calibration: 56.3 % against
        // 53.8 % on its unseen actors; its recipe pools 48.6 % against 45.5 % over five folds, with no gain in two of them;
        // uncalibrated it is worse than the default (MODEL_CARD.md)
        try (SpeechDetector spk = EmotionDetector.speech().load(BundledSpeechModel.SPEAKER_NORMALISED)) {
            spk.forSpeaker(aliceClips).predict(Clip.of(aliceToday));
        }
        // README-END
    }
}
