package org.affect4j.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.core.Span;
import org.junit.jupiter.api.Test;

/** Where each placement cuts the window, on signals whose speech (noise bursts) lies where the test put it. */
class WindowPlacementTest {

    /** {@code seconds} of near-silence (−90 dBFS noise) with a −20 dBFS noise burst over [from, to). */
    static AudioSignal burst(double seconds, double from, double to) {
        int rate = 16_000;
        float[] x = new float[(int) (seconds * rate)];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            double amp = t >= from && t < to ? 0.1 : 3e-5;
            x[i] = (float) (amp * r.nextGaussian());
        }
        return new AudioSignal(x, rate, null);
    }

    private static SpeechInput input(WindowPlacement p) {
        return new SpeechInput(MelFrontend.seed(), null, 0.5, 3.0).withPlacement(p);
    }

    @Test
    void speechLateInALongFile() {
        AudioSignal s = burst(10, 6.0, 8.0);
        double active = SpeechActivity.of(s).bestWindowStart(3.0);
        System.out.printf("burst 6-8 s of 10 s: speech-active window from %.2f s%n", active);
        assertEquals(6.0 - SpeechActivity.LEAD_SECONDS, active, 0.03);
        assertEquals(active, input(WindowPlacement.SPEECH_ACTIVE).offsetFor(s), 1e-12);
        assertEquals(active, input(WindowPlacement.AUTO).offsetFor(s), 1e-12, "the fixed window holds none of the speech");
        assertEquals(0.5, input(WindowPlacement.FIXED).offsetFor(s), 0.0);
        assertTrue(input(WindowPlacement.AUTO).realSamples(s) > 0);
    }

    @Test
    void autoKeepsTheFixedWindowWhenItHoldsTheSpeech() {
        AudioSignal s = burst(3.6, 0.7, 3.0);    // like a RAVDESS clip
        assertEquals(0.5, input(WindowPlacement.AUTO).offsetFor(s), 0.0);
        assertEquals(0.6, input(WindowPlacement.SPEECH_ACTIVE).offsetFor(s), 0.03);
        AudioSignal early = burst(3.0, 0.0, 2.5);   // speech from the first sample: the fixed window misses 0.5 of 2.5 s
        assertEquals(0.0, input(WindowPlacement.AUTO).offsetFor(early), 0.0);
    }

    @Test
    void silentSignalAndSpans() {
        AudioSignal silent = new AudioSignal(new float[16_000], 16_000, null);
        assertEquals(0.0, SpeechActivity.of(silent).bestWindowStart(3.0), 0.0);
        assertEquals(0, SpeechActivity.of(silent).activeFrames());
        assertThrows(IllegalArgumentException.class, () -> SpeechActivity.of(silent).bestWindowStart(0));
        Span part = new Span(0.5, 3.5, 30);
        assertFalse(part.coversWholeClip());
        assertEquals(3.0, part.seconds(), 1e-12);
        assertEquals("0.50-3.50 s of 30.00 s", part.toString());
        assertTrue(new Span(0, 2.0, 2.0).coversWholeClip());
        assertThrows(IllegalArgumentException.class, () -> new Span(-0.1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Span(2, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Span(0, 1, Double.NaN));
    }
}
