package org.affect4j.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each degradation does to tones whose answer is known from the filter's definition. */
class DegradationsTest {

    static AudioSignal tone(double hz, int rate, double seconds, double amplitude) {
        return ResamplerTest.tone(hz, rate, seconds, amplitude);
    }

    /** RMS in dB over the middle half (away from filter start-up and resampler edges). */
    static double rmsDb(AudioSignal s) {
        double sum = 0;
        int from = s.length() / 4;
        int to = 3 * s.length() / 4;
        for (int i = from; i < to; i++) {
            sum += s.sample(i) * (double) s.sample(i);
        }
        return 10 * Math.log10(sum / (to - from));
    }

    @Test
    void telephoneKeepsTheVoiceBandAndRemovesWhatLiesOutside() {
        double in = rmsDb(tone(1000, 48_000, 1, 0.5));
        double pass = rmsDb(Degradations.telephone(tone(1000, 48_000, 1, 0.5)));
        double low = rmsDb(Degradations.telephone(tone(100, 48_000, 1, 0.5)));
        double high = rmsDb(Degradations.telephone(tone(6000, 48_000, 1, 0.5)));
        System.out.printf("telephone: 1 kHz %.2f dB, 100 Hz %.1f dB, 6 kHz %.1f dB (relative to the input)%n", pass - in, low - in, high - in);
        assertEquals(8000, Degradations.telephone(tone(1000, 48_000, 1, 0.5)).sampleRate());
        assertEquals(0, pass - in, 0.5, "1 kHz passes");
        // 4th-order high-pass at 300 Hz: about 24 dB per octave, 1.58 octaves below
        assertTrue(low - in < -30, "100 Hz attenuated: " + (low - in));
        assertTrue(high - in < -60, "6 kHz is above the 4 kHz Nyquist frequency: " + (high - in));
    }

    @Test
    void resamplingRemovesTheBandAboveTheNewNyquistFrequency() {
        AudioSignal s = Degradations.resample(tone(12_000, 48_000, 1, 0.5), 16_000);
        assertEquals(16_000, s.sampleRate());
        assertTrue(rmsDb(s) - rmsDb(tone(12_000, 48_000, 1, 0.5)) < -60, "12 kHz gone at 16 kHz");
        AudioSignal keep = Degradations.resample(tone(2000, 48_000, 1, 0.5), 16_000);
        assertEquals(rmsDb(tone(2000, 48_000, 1, 0.5)), rmsDb(keep), 0.1);
    }

    @Test
    void gainPeakAndCut() {
        AudioSignal t = tone(440, 48_000, 3, 0.25);
        assertEquals(-20, rmsDb(Degradations.gainDb(t, -20)) - rmsDb(t), 1e-3);
        AudioSignal peak = Degradations.peakNormalise(t, 0);
        float max = 0;
        for (int i = 0; i < peak.length(); i++) {
            max = Math.max(max, Math.abs(peak.sample(i)));
        }
        assertEquals(1.0, max, 1e-5);
        assertEquals(72_000, Degradations.cut(t, 1.5).length());
        assertEquals(t.length(), Degradations.cut(t, 10).length());
        assertEquals(1.0, Degradations.gainDb(t, 40).sample(48_000 / 440 / 4), 0, "clipped at full scale");
        assertThrows(IllegalArgumentException.class, () -> Degradations.peakNormalise(new AudioSignal(new float[10], 8000, null), 0));
        assertThrows(IllegalArgumentException.class, () -> Degradations.Condition.byId("16 khz"));
        assertEquals(Degradations.Condition.TELEPHONE, Degradations.Condition.byId("telephone"));
    }

    @Test
    void wavRoundTripWithin16BitRounding(@TempDir Path tmp) {
        AudioSignal t = tone(440, 16_000, 0.5, 0.7);
        Path f = tmp.resolve("t.wav");
        WavEncoder.write(t, f);
        AudioSignal back = WavDecoder.decode(f);
        assertEquals(16_000, back.sampleRate());
        assertEquals(t.length(), back.length());
        double worst = 0;
        for (int i = 0; i < t.length(); i++) {
            worst = Math.max(worst, Math.abs(t.sample(i) - back.sample(i)));
        }
        System.out.printf("WAV round trip: max |diff| %.3g (16-bit step %.3g)%n", worst, 1 / 32768.0);
        assertTrue(worst <= 0.5 / 32768 + 1e-7, "max diff " + worst + ": more than half a 16-bit step");
    }
}
