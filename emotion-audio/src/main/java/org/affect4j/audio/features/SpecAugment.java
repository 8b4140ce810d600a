package org.affect4j.audio.features;

import java.util.Objects;
import java.util.Random;

/**
 * SpecAugment-style masking of a scaled mel spectrogram for training (Park et al. 2019, without time warping):
 * {@code freqMasks} bands of 0…{@code maxFreqWidth} consecutive mel bins and {@code timeMasks} spans of
 * 0…{@code maxTimeWidth} consecutive frames are set to 0 — the per-feature mean after the StandardScaler. Not part
 * of the seed's recipe: {@link #NONE} (the default everywhere) reproduces the seed.
 *
 * @param freqMasks    number of frequency masks
 * @param maxFreqWidth widest frequency mask (mel bins); each width is drawn uniformly from 0..max
 * @param timeMasks    number of time masks
 * @param maxTimeWidth widest time mask (frames)
 */
public record SpecAugment(int freqMasks, int maxFreqWidth, int timeMasks, int maxTimeWidth) {

    /** No masking (the seed's recipe). */
    public static final SpecAugment NONE = new SpecAugment(0, 0, 0, 0);

    public SpecAugment {
        if (freqMasks < 0 || maxFreqWidth < 0 || timeMasks < 0 || maxTimeWidth < 0) {
            throw new IllegalArgumentException("SpecAugment counts and widths must be >= 0: " + freqMasks + ", " + maxFreqWidth
                    + ", " + timeMasks + ", " + maxTimeWidth);
        }
    }

    /**
     * Two frequency masks of up to 15 of the 128 mel bins and two time masks of up to 50 of the 563 frames (≈ 0.27 s),
     * in the proportions of SpecAugment's LibriSpeech-basic policy.
     */
    public static SpecAugment standard() {
        return new SpecAugment(2, 15, 2, 50);
    }

    public boolean isNone() {
        return (freqMasks == 0 || maxFreqWidth == 0) && (timeMasks == 0 || maxTimeWidth == 0);
    }

    /**
     * A masked copy of {@code features} (row-major {@code [nMels][frames]}); the input is not changed.
     *
     * @throws IllegalArgumentException if the array is not nMels × frames or a width exceeds its axis
     */
    public float[] apply(float[] features, int nMels, int frames, Random rng) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(rng, "rng");
        if (features.length != nMels * frames) {
            throw new IllegalArgumentException("features have " + features.length + " values, expected " + nMels + " x " + frames);
        }
        if (maxFreqWidth > nMels || maxTimeWidth > frames) {
            throw new IllegalArgumentException("mask widths " + maxFreqWidth + " / " + maxTimeWidth + " exceed " + nMels + " mels / "
                    + frames + " frames");
        }
        float[] out = features.clone();
        for (int m = 0; m < freqMasks; m++) {
            int width = rng.nextInt(maxFreqWidth + 1);
            int start = rng.nextInt(nMels - width + 1);
            java.util.Arrays.fill(out, start * frames, (start + width) * frames, 0f);
        }
        for (int m = 0; m < timeMasks; m++) {
            int width = rng.nextInt(maxTimeWidth + 1);
            int start = rng.nextInt(frames - width + 1);
            for (int f = 0; f < nMels; f++) {
                java.util.Arrays.fill(out, f * frames + start, f * frames + start + width, 0f);
            }
        }
        return out;
    }
}
