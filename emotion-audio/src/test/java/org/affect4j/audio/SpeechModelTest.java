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
import org.affect4j.testing.Close;
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
        // exact by construction: the same decoded samples through the same code at the same batch size (1)
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
    void windowAveragingIsTheMeanOfTheSingleWindowsLogits() {
        List<Clip> clips = new ArrayList<>();
        for (String c : SpeechFixtures.CLIPS) {
            clips.add(Clip.of(SpeechFixtures.wav(c)));
        }
        double[] starts = {0.3, 0.5, 0.7};
        List<List<Prediction>> single = new ArrayList<>();
        for (double s : starts) {
            single.add(model.withOffset(s).predict(clips));
        }
        SpeechModel windowed = model.withWindowOffsets(starts);
        List<Prediction> averaged = windowed.predict(clips);
        for (int i = 0; i < clips.size(); i++) {
            float[] got = averaged.get(i).logits();
            double err = 0;
            for (int k = 0; k < got.length; k++) {
                double mean = 0;
                for (List<Prediction> one : single) {
                    mean += one.get(i).logits()[k] / starts.length;
                }
                err = Math.max(err, Math.abs(got[k] - mean));
            }
            System.out.printf("windows %s on %s: %s, max |logit - mean of single windows| = %.3g%n",
                    java.util.Arrays.toString(starts), clips.get(i).name(), averaged.get(i), err);
            assertTrue(err < 1e-4, "clip " + i + " error " + err);
            // the windows differ, so the average is not simply the reference window's logits
            assertTrue(Npy.maxAbsDiff(got, single.get(1).get(i).logits()) > 1e-3, "clip " + i);
        }
        // predicting one decoded signal takes the same road
        var signal = WavDecoder.decode(SpeechFixtures.wav(SpeechFixtures.CLIPS.get(0)));
        assertArrayEquals(averaged.get(0).logits(), windowed.predict(signal, "clip 0").logits(), 1e-6f);
        // one window from 0.5 s is the reference: exactly the plain model's numbers, by construction (a single offset
        // takes the plain model's road: same window, same batch of one, same kernels)
        assertArrayEquals(model.predict(clips.get(1)).logits(), model.withWindowOffsets(0.5).predict(clips.get(1)).logits(), 0f);
        // withOffset goes back to one window; the reference ran in a batch of four, this in a batch of one, and the
        // BLAS / oneDNN kernels block a batch differently by CPU and thread count: equal up to float rounding order
        Close.assertClose(single.get(0).get(2).logits(), windowed.withOffset(0.3).predict(clips.get(2)).logits(), Close.FLOAT_ORDER,
                "withOffset(0.3), batch 1 vs batch 4");
        assertArrayEquals(starts, windowed.windowOffsets(), 0);
    }

    @Test
    void silentWindowsAreLeftOutOfTheAverageAndAllSilentIsRefused() {
        Clip clip = Clip.of(SpeechFixtures.wav(SpeechFixtures.CLIPS.get(3)));
        // a window starting after the clip's end holds only padding: the average is the 0.5 s window alone; exact by
        // construction (the padded window is dropped before the network, which then sees the same batch of one)
        assertArrayEquals(model.predict(clip).logits(), model.withWindowOffsets(0.5, 60).predict(clip).logits(), 0f);
        Clip silence = Clip.ofPcm(new float[48_000 * 4], 48_000, "zeros");
        SilentAudioException e = assertThrows(SilentAudioException.class,
                () -> model.withWindowOffsets(0.3, 0.5, 0.7).predict(silence));
        assertTrue(e.getMessage().contains("every analysed window (zeros"), e.getMessage());
    }

    @Test
    void badWindowOffsetsAreRefused() {
        for (double[] bad : new double[][] {{}, {-0.1}, {0.5, Double.NaN}, {0.5, Double.POSITIVE_INFINITY}, {0.5, 0.5}, new double[17]}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.withWindowOffsets(bad),
                    java.util.Arrays.toString(bad));
            assertTrue(e.getMessage().contains("window offset"), e.getMessage());
        }
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
