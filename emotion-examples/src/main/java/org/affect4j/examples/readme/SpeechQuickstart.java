package org.affect4j.examples.readme;

import java.nio.file.Path;
import java.util.List;
import org.affect4j.EmotionDetector;
import org.affect4j.audio.BundledSpeechModel;
import org.affect4j.audio.SpeechDetector;
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
        try (SpeechDetector detector = EmotionDetector.speech().load()) {   // the bundled default, for 48 kHz to telephone audio
            // or .load(BundledSpeechModel.SEED_RECIPE)                         — the seed's network trained here (48 kHz studio audio)
            // or .load(Path.of("best-model.zip"))                              — a model trained with `affect4j train`
            // or .load(Path.of("cnn_transf_parallel_model.pt"), Path.of("speech_data_scaler.pkl"))   — the seed's checkpoint
            Prediction p = detector.predict(Clip.of(wav));            // wav: a Path, e.g. Path.of("03-01-05-02-01-02-12.wav")
            System.out.println(p.emotion() + " " + p.confidence());   // e.g. ANGRY 0.93
            p.probabilities();                                        // Map<Emotion, Double>, sums to 1
            p.span();                                                 // the part of the clip scored (at most 6 s, on the speech)
            detector.predict(Clip.ofPcm(samples, 16_000, "mic"));     // float[] mono [-1, 1], any rate 4–384 kHz
            detector.predict(List.of(Clip.of(a), Clip.of(b)));        // several clips in one call
        }
        // speaker calibration (beyond the seed) tunes a log-mel model to one speaker from ≥ 16 unlabelled clips of them;
        // the second bundled model is trained for it: 56.3 % on its unseen actors, 42.9 % uncalibrated (MODEL_CARD.md)
        try (SpeechDetector spk = EmotionDetector.speech().load(BundledSpeechModel.SPEAKER_NORMALISED)) {
            SpeechDetector forAlice = spk.forSpeaker(aliceClips);     // List<Clip>; shares the network; docs/training.md
            forAlice.predict(Clip.of(aliceToday));
        }
        // README-END
    }
}
