package org.affect4j.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.Degradations;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The telephone-band front end is what makes the robust model's input independent of the sample rate: on a real
 * RAVDESS clip its features at 16 kHz and 22.05 kHz equal those at 48 kHz within a fraction of a dB, and the
 * telephone channel moves them only at the band's edges — while the seed's front end moves by tens of dB.
 */
class TelephoneBandFrontendTest {

    private static final Path CLIP = Path.of("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav");

    /** Mean over frames of |a − b| per band (dB). */
    private static double[] bandMeanAbsDiff(double[] a, double[] b, int nMels) {
        int frames = a.length / nMels;
        double[] d = new double[nMels];
        for (int m = 0; m < nMels; m++) {
            for (int t = 0; t < frames; t++) {
                d[m] += Math.abs(a[m * frames + t] - b[m * frames + t]) / frames;
            }
        }
        return d;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    @Test
    void sameNetworkInputShapeAsTheSeed() {
        SpeechInput in = new SpeechInput(new MelFrontend(MelConfig.telephoneBand()), null, 0.5, 3.0);
        SpeechInput seed = SpeechInput.seed(null);
        assertEquals(seed.nMels(), in.nMels());
        assertEquals(seed.frames(), in.frames());
        assertEquals("telephone-band", MelConfig.telephoneBand().name());
        assertEquals("seed", MelConfig.seed().name());
        assertEquals(MelConfig.telephoneBand(), MelConfig.byName("telephone-band"));
        assertEquals(null, new MelConfig(48_000, 1024, 512, 256, 64, 0, 8000, 1e-10, 80).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MelConfig.byName("wideband"));
        assertTrue(e.getMessage().contains("wideband") && e.getMessage().contains("telephone-band"), e.getMessage());
    }

    @Test
    void featuresDoNotDependOnTheSampleRateAndBarelyOnTheTelephoneChannel() {
        AudioSignal clip = WavDecoder.decode(SharedData.require(CLIP.toString()));
        SpeechInput band = new SpeechInput(new MelFrontend(MelConfig.telephoneBand()), null, 0.5, 3.0);
        SpeechInput seed = SpeechInput.seed(null);
        double[] ref = band.melDb(band.window(clip));
        double[] seedRef = seed.melDb(seed.window(clip));
        int frames = band.frames();
        for (int m = 0; m < band.nMels(); m++) {
            double top = -1e9;
            for (int t = 0; t < frames; t++) {
                top = Math.max(top, ref[m * frames + t]);
            }
            assertTrue(top > -79, "band " + m + " holds signal, not only the floor: max " + top + " dB");
        }
        for (int rate : new int[] {22_050, 16_000}) {
            AudioSignal low = Degradations.resample(clip, rate);
            double band16 = max(bandMeanAbsDiff(ref, band.melDb(band.window(low)), band.nMels()));
            double seed16 = max(bandMeanAbsDiff(seedRef, seed.melDb(seed.window(low)), seed.nMels()));
            System.out.printf("%d Hz: largest band-mean |diff| telephone-band front end %.3f dB, seed front end %.1f dB%n",
                    rate, band16, seed16);
            assertTrue(band16 < 0.5, rate + " Hz: telephone-band features move by " + band16 + " dB");
            assertTrue(seed16 > 5, rate + " Hz: the seed's features move by " + seed16 + " dB (they should: its upper bands go empty)");
        }
        double[] tel = bandMeanAbsDiff(ref, band.melDb(band.window(Degradations.telephone(clip))), band.nMels());
        double inner = 0;
        for (int m = 8; m < band.nMels() - 8; m++) {
            inner = Math.max(inner, tel[m]);
        }
        System.out.printf("telephone: band-mean |diff| %.2f dB at the lowest band, %.2f dB at the highest, at most %.2f dB inside%n",
                tel[0], tel[band.nMels() - 1], inner);
        assertTrue(inner < 1.0, "inside the band the telephone channel moves the features by at most " + inner + " dB");
        assertTrue(max(tel) < 4.0, "even at the edges by at most " + max(tel) + " dB");
    }
}
