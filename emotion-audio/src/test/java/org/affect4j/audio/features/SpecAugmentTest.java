package org.affect4j.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpecAugmentTest {

    private static float[] ones(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        return x;
    }

    @Test
    void masksWholeBandsAndSpansWithinTheWidthsAndLeavesTheInputAlone() {
        int mels = 128;
        int frames = 563;
        SpecAugment a = new SpecAugment(1, 15, 0, 0);
        float[] x = ones(mels * frames);
        boolean sawMask = false;
        Random rng = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            float[] y = a.apply(x, mels, frames, rng);
            int maskedRows = 0;
            for (int m = 0; m < mels; m++) {
                int zeros = 0;
                for (int t = 0; t < frames; t++) {
                    zeros += y[m * frames + t] == 0f ? 1 : 0;
                }
                assertTrue(zeros == 0 || zeros == frames, "a frequency mask covers whole rows");
                maskedRows += zeros == frames ? 1 : 0;
            }
            assertTrue(maskedRows <= 15, "at most 15 bins masked, got " + maskedRows);
            sawMask |= maskedRows > 0;
        }
        assertTrue(sawMask);
        assertArrayEquals(ones(mels * frames), x, "input unchanged");

        SpecAugment time = new SpecAugment(0, 0, 2, 50);
        float[] y = time.apply(x, mels, frames, new Random(3));
        int maskedFrames = 0;
        for (int t = 0; t < frames; t++) {
            boolean col = y[t] == 0f;
            for (int m = 1; m < mels; m++) {
                assertEquals(col, y[m * frames + t] == 0f, "a time mask covers whole columns");
            }
            maskedFrames += col ? 1 : 0;
        }
        assertTrue(maskedFrames <= 100, "two masks of at most 50 frames, got " + maskedFrames);
    }

    @Test
    void sameSeedSameMasksAndNoneIsTheSeedsRecipe() {
        float[] x = ones(8 * 20);
        SpecAugment a = new SpecAugment(2, 3, 2, 5);
        assertArrayEquals(a.apply(x, 8, 20, new Random(1)), a.apply(x, 8, 20, new Random(1)));
        assertTrue(SpecAugment.NONE.isNone());
        assertFalse(SpecAugment.standard().isNone());
        assertArrayEquals(x, SpecAugment.NONE.apply(x, 8, 20, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> a.apply(new float[10], 8, 20, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> new SpecAugment(1, 30, 0, 0).apply(x, 8, 20, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> new SpecAugment(-1, 1, 0, 0));
    }
}
