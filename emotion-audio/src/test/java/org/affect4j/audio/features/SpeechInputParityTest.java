package org.affect4j.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.affect4j.audio.SpeechFixtures;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.testing.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stage-by-stage parity with the seed's librosa 0.9.1 pipeline (fixtures in shared/reference/speech). */
class SpeechInputParityTest {

    static SpeechInput input;

    @BeforeAll
    static void load() {
        input = SpeechInput.seed(SklearnScaler.read(SpeechFixtures.scaler()));
    }

    @Test
    void waveAfterLoadIsIdentical() {
        for (String clip : SpeechFixtures.CLIPS) {
            AudioSignal s = WavDecoder.decode(SpeechFixtures.wav(clip)).slice(0.5, 3.0);
            float[] ref = Npy.read(SpeechFixtures.fixture(clip, "wave48k")).toFloats();
            double err = Npy.maxAbsDiff(s.samples(), ref);
            System.out.printf("wave   %s: %d samples, max |err| = %.3g%n", clip, ref.length, err);
            assertEquals(ref.length, s.length());
            assertArrayEquals(ref, s.samples(), 0f);
        }
    }

    @Test
    void melDbAndScaledInputMatchLibrosa() {
        double worstMel = 0;
        double worstScaled = 0;
        for (String clip : SpeechFixtures.CLIPS) {
            AudioSignal s = WavDecoder.decode(SpeechFixtures.wav(clip));
            double[] mel = input.melDb(input.window(s));
            Npy refMel = Npy.read(SpeechFixtures.fixture(clip, "mel_db"));
            assertArrayEquals(new long[] {128, 563}, refMel.shape());
            double melErr = Npy.maxAbsDiff(mel, refMel.toDoubles());
            float[] scaled = input.scale(mel);
            double scaledErr = Npy.maxAbsDiff(scaled, Npy.read(SpeechFixtures.fixture(clip, "scaled")).toFloats());
            System.out.printf("mel_db %s: max |err| = %.3g dB; scaled: max |err| = %.3g%n", clip, melErr, scaledErr);
            worstMel = Math.max(worstMel, melErr);
            worstScaled = Math.max(worstScaled, scaledErr);
        }
        assertTrue(worstMel <= 1e-3, "mel_db max abs error " + worstMel + " dB > 1e-3");
        assertTrue(worstScaled <= 1e-3, "scaled max abs error " + worstScaled + " > 1e-3");
    }
}
