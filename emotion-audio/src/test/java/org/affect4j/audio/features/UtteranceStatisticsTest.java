package org.affect4j.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.Degradations;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The utterance front end on signals with known answers (tones of a known pitch, silence around speech, a quieter copy),
 * and on a real RAVDESS clip resampled and band-limited: what it is built to ignore must not move its values.
 */
class UtteranceStatisticsTest {

    private static final int RATE = 8_000;

    private static SpeechInput input() {
        double[] mean = new double[UtteranceStatistics.SIZE];
        double[] scale = new double[UtteranceStatistics.SIZE];
        java.util.Arrays.fill(scale, 1.0);
        return SpeechInput.utterance(new SklearnScaler(mean, scale), 0.0, 6.0);
    }

    /** A harmonic tone (fundamental f0, five harmonics) of {@code seconds} at {@code rate}, from {@code start} s, silent elsewhere. */
    private static AudioSignal tone(double f0, double start, double seconds, double total, int rate, double amplitude) {
        float[] x = new float[(int) Math.round(total * rate)];
        for (int i = (int) (start * rate); i < Math.min(x.length, (int) ((start + seconds) * rate)); i++) {
            double t = i / (double) rate;
            double v = 0;
            for (int h = 1; h <= 5; h++) {
                v += Math.sin(2 * Math.PI * f0 * h * t) / h;
            }
            x[i] = (float) (amplitude * v / 2);
        }
        return new AudioSignal(x, rate, null);
    }

    private static double[] stats(AudioSignal s) {
        SpeechInput in = input();
        return in.statistics(in.window(s));
    }

    @Test
    void pitchOfAHarmonicToneIsItsFundamental() {
        for (double f0 : new double[] {110, 200, 320}) {
            double[] v = stats(tone(f0, 0.5, 2.0, 3.0, RATE, 0.5));
            int p = 2 * 40 + 5 * UtteranceStatistics.CEPSTRA;
            double hz = Math.pow(2, v[p]);
            System.out.printf(Locale.ROOT, "tone %.0f Hz: pitch mean %.1f Hz, sd %.4f octaves, voiced fraction %.3f%n", f0, hz, v[p + 1], v[p + 4]);
            assertEquals(f0, hz, f0 * 0.02, "pitch of a " + f0 + " Hz tone");
            assertTrue(v[p + 1] < 0.02, "a steady tone's pitch varies by " + v[p + 1] + " octaves");
            // 2 s of tone in a 6 s window: about a third of the pitch frames are voiced, and a third of the frames active
            assertEquals(2.0 / 6.0, v[p + 4], 0.03);
            assertEquals(2.0 / 6.0, v[p + 5], 0.03);
        }
    }

    @Test
    void levelAndSilenceAroundTheSpeechDoNotMatter() {
        double[] loud = stats(tone(180, 0.5, 2.0, 3.0, RATE, 0.5));
        double[] quiet = stats(tone(180, 0.5, 2.0, 3.0, RATE, 0.05));   // 20 dB quieter
        double[] later = stats(tone(180, 2.0, 2.0, 5.0, RATE, 0.5));    // the same tone after 1.5 s more silence
        double dLevel = maxAbsDiff(loud, quiet);
        double dShift = maxAbsDiff(loud, later);
        System.out.printf(Locale.ROOT, "largest change: 20 dB quieter %.2e, 1.5 s later %.2e%n", dLevel, dShift);
        assertTrue(dLevel < 1e-3, "level changes the statistics by " + dLevel);   // float32 samples: rounding only
        // 1.5 s is 150 whole hops, so the same frames are analysed
        assertTrue(dShift < 1e-6, "a later start changes the statistics by " + dShift);
    }

    @Test
    void sampleRateAndTelephoneBandBarelyMoveARealClip() {
        Path wav = SharedData.require("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav");
        AudioSignal original = WavDecoder.decode(wav);
        double[] at48 = stats(original);
        double[] at16 = stats(Degradations.resample(original, 16_000));
        double[] tel = stats(Degradations.telephone(original));
        // compared per value in units of that value's spread over the 240 test clips would need them all: use the
        // cepstral means (dB scale) and pitch, whose units are known
        int p = 2 * 40 + 5 * UtteranceStatistics.CEPSTRA;
        double dPitch16 = Math.abs(at48[p] - at16[p]);
        double dPitchTel = Math.abs(at48[p] - tel[p]);
        double dBands16 = maxAbsDiff(java.util.Arrays.copyOf(at48, 40), java.util.Arrays.copyOf(at16, 40));
        double dBandsTel = maxAbsDiff(java.util.Arrays.copyOf(at48, 40), java.util.Arrays.copyOf(tel, 40));
        System.out.printf(Locale.ROOT, "48 kHz vs 16 kHz: band means %.3f dB, pitch %.4f octaves; vs telephone: %.3f dB, %.4f octaves%n",
                dBands16, dPitch16, dBandsTel, dPitchTel);
        assertTrue(dBands16 < 0.01, "16 kHz moves a band mean by " + dBands16 + " dB");
        assertTrue(dPitch16 < 0.01, "16 kHz moves the mean pitch by " + dPitch16 + " octaves");
        // the telephone channel's 4th-order filters tilt the band edges by a few dB; inside, it passes the band
        assertTrue(dBandsTel < 6, "the telephone channel moves a band mean by " + dBandsTel + " dB");
        // without its fundamental (below 300 Hz) the autocorrelation tracker halves or doubles some frames' pitch: the mean
        // moves by a fraction of an octave (measured 0.23 here), which the telephone-channel training copies teach the model
        assertTrue(dPitchTel < 0.3, "the telephone channel moves the mean pitch by " + dPitchTel + " octaves");
    }

    @Test
    void percentilesAreNumPysLinearInterpolationAndBadInputIsRefused() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1.3, UtteranceStatistics.percentile(sorted, 10), 1e-12);   // numpy.percentile([1,2,3,4], 10)
        assertEquals(3.7, UtteranceStatistics.percentile(sorted, 90), 1e-12);
        assertEquals(UtteranceStatistics.SIZE, new UtteranceStatistics(MelConfig.utterance()).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UtteranceStatistics(MelConfig.utterance()).of(new double[41], new float[800]));
        assertTrue(e.getMessage().contains("not a multiple of 40 bands"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UtteranceStatistics(new MelConfig(8_000, 256, 200, 80, 10, 300, 3400, 1e-10, 80)));
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        return maxAbsDiff(a, b, -1);
    }

    /** Largest |a - b|, leaving out index {@code skip}. */
    private static double maxAbsDiff(double[] a, double[] b, int skip) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            if (i != skip) {
                m = Math.max(m, Math.abs(a[i] - b[i]));
            }
        }
        return m;
    }
}
