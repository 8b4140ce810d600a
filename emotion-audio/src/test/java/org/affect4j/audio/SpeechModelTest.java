package org.affect4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.Clip;
import org.affect4j.core.MediaException;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.affect4j.core.SilentAudioException;
import org.affect4j.testing.Npy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpeechModelTest {

    static SpeechModel model;

    @BeforeAll
    static void load() {
        model = SpeechModel.loadSeed(SpeechFixtures.checkpoint(), SpeechFixtures.scaler());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void endToEndFromWavMatchesTheSeedsLogits() {
        for (String clip : SpeechFixtures.CLIPS) {
            Prediction p = model.predict(Clip.of(SpeechFixtures.wav(clip)));
            float[] ref = Npy.read(SpeechFixtures.fixture(clip, "logits")).toFloats();
            double err = Npy.maxAbsDiff(p.logits(), ref);
            System.out.printf("end-to-end %s: %s, max |logit err| = %.3g%n", clip, p, err);
            assertTrue(err <= 1e-3, clip + " error " + err);
            assertEquals(java.util.Set.of(Modality.SPEECH), p.modalities());
        }
    }

    @Test
    void pcmClipEqualsFileClip() {
        String clip = SpeechFixtures.CLIPS.get(2);
        var signal = WavDecoder.decode(SpeechFixtures.wav(clip));
        Prediction fromPcm = model.predict(Clip.ofPcm(signal.samples(), signal.sampleRate(), clip));
        Prediction fromFile = model.predict(Clip.of(SpeechFixtures.wav(clip)));
        assertArrayEquals(fromFile.logits(), fromPcm.logits(), 0f);
    }

    @Test
    void silentAndOutOfRangeAudioIsRefused() {
        SilentAudioException e = assertThrows(SilentAudioException.class,
                () -> model.predict(Clip.ofPcm(new float[48_000 * 4], 48_000, "zeros")));
        assertTrue(e.getMessage().contains("silent"), e.getMessage());
        // audio that ends before the 0.5 s offset leaves an empty (silent) window
        assertThrows(SilentAudioException.class, () -> model.predict(Clip.ofPcm(new float[] {0.5f, -0.5f}, 48_000, "short")));
        MediaException r = assertThrows(MediaException.class, () -> model.predict(Clip.ofPcm(new float[1000], 100, "100hz")));
        assertTrue(r.getMessage().contains("sample rate 100 Hz"), r.getMessage());
    }

    @Test
    void concurrentPredictionsEqualSequentialOnes() throws Exception {
        List<Clip> clips = new ArrayList<>();
        for (String c : SpeechFixtures.CLIPS) {
            clips.add(Clip.of(SpeechFixtures.wav(c)));
        }
        List<Prediction> sequential = model.predict(clips);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Prediction>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Clip c : clips) {
                    futures.add(pool.submit(() -> model.predict(c)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                Prediction p = futures.get(i).get();
                Prediction s = sequential.get(i % clips.size());
                assertTrue(Npy.maxAbsDiff(p.logits(), s.logits()) < 1e-4, "thread result " + i + " differs");
                assertEquals(s.emotion(), p.emotion());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
