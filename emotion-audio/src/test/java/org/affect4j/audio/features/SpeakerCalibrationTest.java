package org.affect4j.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.junit.jupiter.api.Test;

class SpeakerCalibrationTest {

    private static final int MELS = 5;
    private static final int FRAMES = 7;

    private static SklearnScaler scaler(Random rng) {
        double[] mean = new double[MELS * FRAMES];
        double[] scale = new double[MELS * FRAMES];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = -60 + 40 * rng.nextDouble();
            scale[i] = 5 + 10 * rng.nextDouble();
        }
        return new SklearnScaler(mean, scale);
    }

    private static double[] mel(Random rng, double bandShift) {
        double[] m = new double[MELS * FRAMES];
        for (int i = 0; i < m.length; i++) {
            m[i] = -50 + 20 * rng.nextGaussian() + bandShift * (i / FRAMES);
        }
        return m;
    }

    @Test
    void calibratedSpeakerWindowsHaveThePopulationsBandMeans() {
        Random rng = new Random(11);
        SklearnScaler scaler = scaler(rng);
        List<double[]> speaker = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            speaker.add(mel(rng, 3.0));
        }
        SpeakerCalibration c = SpeakerCalibration.fit(scaler, MELS, FRAMES, speaker);
        assertEquals(6, c.clips());
        assertEquals(MELS, c.nMels());
        for (int b = 0; b < MELS; b++) {
            double population = 0;
            for (int f = 0; f < FRAMES; f++) {
                population += scaler.mean()[b * FRAMES + f];
            }
            population /= FRAMES;
            double calibrated = 0;
            for (double[] m : speaker) {
                double[] y = c.apply(m);
                for (int f = 0; f < FRAMES; f++) {
                    calibrated += y[b * FRAMES + f];
                }
            }
            calibrated /= speaker.size() * FRAMES;
            assertEquals(population, calibrated, 1e-9, "band " + b);
        }
    }

    @Test
    void applyAddsOneOffsetPerBandAndLeavesItsInputAlone() {
        SpeakerCalibration c = SpeakerCalibration.ofOffsets(new double[] {1, -2}, 3);
        double[] x = {10, 20, 30, 40, 50, 60};
        assertArrayEquals(new double[] {11, 21, 31, 38, 48, 58}, c.apply(x), 0);
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60}, x, 0);
        double[] offsets = c.offsetsDb();
        offsets[0] = 99;
        assertEquals(1, c.offsetsDb()[0], 0, "offsetsDb returns a copy");
        assertThrows(IllegalArgumentException.class, () -> c.apply(new double[5]), "5 values are not 2 bands");
        assertTrue(c.toString().contains("2 bands, 3 clips"), c.toString());
    }

    @Test
    void refusesNoClipsWrongSizesAndNonFiniteValues() {
        Random rng = new Random(3);
        SklearnScaler scaler = scaler(rng);
        assertThrows(IllegalArgumentException.class, () -> SpeakerCalibration.fit(scaler, MELS, FRAMES, List.of()));
        assertThrows(IllegalArgumentException.class, () -> SpeakerCalibration.fit(scaler, MELS, FRAMES, List.of(new double[3])));
        assertThrows(IllegalArgumentException.class, () -> SpeakerCalibration.fit(scaler, MELS + 1, FRAMES, List.of(mel(rng, 0))));
        double[] nan = mel(rng, 0);
        nan[FRAMES + 2] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeakerCalibration.fit(scaler, MELS, FRAMES, List.of(nan)));
        assertTrue(e.getMessage().contains("band 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpeakerCalibration.ofOffsets(new double[] {Double.POSITIVE_INFINITY}, 1));
        assertThrows(IllegalArgumentException.class, () -> SpeakerCalibration.ofOffsets(new double[] {1}, 0));
    }

    @Test
    void speechInputAppliesTheCalibrationBeforeTheScalerAndKeepsItAcrossOffsets() {
        Random rng = new Random(5);
        SklearnScaler scaler = new SklearnScaler(new double[128 * 563], filled(128 * 563, 2.0));
        SpeechInput seed = SpeechInput.seed(scaler);
        assertNull(seed.calibration(), "the seed's pipeline has no calibration");
        double[] offsets = new double[128];
        for (int b = 0; b < offsets.length; b++) {
            offsets[b] = rng.nextGaussian() * 5;
        }
        SpeakerCalibration c = SpeakerCalibration.ofOffsets(offsets, 1);
        SpeechInput calibrated = seed.withCalibration(c);
        double[] mel = new double[128 * 563];
        for (int i = 0; i < mel.length; i++) {
            mel[i] = rng.nextGaussian() * 10 - 40;
        }
        float[] y = calibrated.scale(mel);
        for (int i = 0; i < mel.length; i += 997) {
            assertEquals((float) ((mel[i] + offsets[i / 563]) / 2.0), y[i], 1e-5f, "feature " + i);
        }
        assertArrayEquals(seed.scale(mel), seed.withCalibration(null).scale(mel), "null removes it");
        assertSame(c, calibrated.withOffset(0.2).calibration(), "a moved window keeps the calibration");
        assertThrows(IllegalArgumentException.class, () -> seed.withCalibration(SpeakerCalibration.ofOffsets(new double[64], 1)));
    }

    private static double[] filled(int n, double v) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, v);
        return x;
    }
}
