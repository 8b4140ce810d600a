package org.affect4j.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    static AudioSignal tone(double hz, int rate, double seconds, double amp) {
        float[] s = new float[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new AudioSignal(s, rate, null);
    }

    /** Amplitude of the {@code hz} component by correlation, over the middle of the signal. */
    static double amplitude(AudioSignal s, double hz) {
        double c = 0;
        double q = 0;
        int from = s.length() / 4;
        int to = 3 * s.length() / 4;
        for (int i = from; i < to; i++) {
            double ph = 2 * Math.PI * hz * i / s.sampleRate();
            c += s.sample(i) * Math.cos(ph);
            q += s.sample(i) * Math.sin(ph);
        }
        return 2 * Math.hypot(c, q) / (to - from);
    }

    @Test
    void keepsInBandTonesAndLength() {
        AudioSignal in = tone(1000, 44_100, 1.0, 0.5);
        AudioSignal out = Resampler.resample(in, 48_000);
        assertEquals(48_000, out.sampleRate());
        assertEquals((int) Math.ceil(44_100 * 48_000.0 / 44_100), out.length());
        double a = amplitude(out, 1000);
        System.out.printf("1 kHz tone 44.1 -> 48 kHz: amplitude %.5f (in 0.5)%n", a);
        assertEquals(0.5, a, 0.005);
        AudioSignal up = Resampler.resample(tone(440, 16_000, 1.0, 0.8), 48_000);
        assertEquals(0.8, amplitude(up, 440), 0.01);
    }

    @Test
    void removesContentAboveTheNewNyquist() {
        AudioSignal in = tone(30_000, 96_000, 0.5, 0.5); // would alias to 18 kHz at 48 kHz
        AudioSignal out = Resampler.resample(in, 48_000);
        double alias = amplitude(out, 18_000);
        System.out.printf("30 kHz tone 96 -> 48 kHz: 18 kHz alias amplitude %.2e%n", alias);
        assertTrue(alias < 1e-3, "alias amplitude " + alias);
    }

    @Test
    void sameRateIsANoOp() {
        AudioSignal in = tone(100, 48_000, 0.1, 0.1);
        assertSame(in, Resampler.resample(in, 48_000));
    }
}
