package org.affect4j.audio.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntConsumer;
import org.affect4j.audio.data.MelFeatureCache;
import org.affect4j.audio.features.Awgn;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.Resampler;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.eval.LabelledFile;
import org.affect4j.core.ravdess.RavdessFileName;

/**
 * RAVDESS speech clips (and Emo-DB ones, as extra training speakers) as training examples: each file's seed window (0.5 s offset, 3 s, zero-padded) as a log-mel
 * matrix, plus — for training sets — the seed's AWGN copies (noise added to the window's samples, SNR 15–30 dB,
 * drawn once per clip from the corpus seed). Clean mels come from an optional {@link MelFeatureCache}. Scaling is a
 * separate step ({@link #scaled(SklearnScaler)}) so that the scaler can be fitted on training actors only.
 * Immutable once built.
 */
public final class SpeechCorpus {

    /**
     * One example: the source file, its labels (RAVDESS or Emo-DB), label index, AWGN copy (0 = clean) and mel dB
     * (nMels × frames).
     */
    public record Example(Path file, LabelledFile labels, int label, int copy, float[] melDb) {
        /** The file's RAVDESS name. @throws IllegalArgumentException for a file of another corpus (Emo-DB) */
        public RavdessFileName name() {
            return RavdessFileName.parse(file);
        }
    }

    private final List<Example> examples;
    private final LabelOrder order;
    private final List<AudioSignal> clips;
    private final int noisyCopies;
    private final int frames;
    /** Per clip (index into {@code clips}): the speaker normalisation's dB offset per mel band, or null (none). */
    private final float[][] clipOffsets;

    private SpeechCorpus(List<Example> examples, LabelOrder order, List<AudioSignal> clips, int noisyCopies, int frames) {
        this(examples, order, clips, noisyCopies, frames, null);
    }

    private SpeechCorpus(List<Example> examples, LabelOrder order, List<AudioSignal> clips, int noisyCopies, int frames,
                         float[][] clipOffsets) {
        this.frames = frames;
        this.clipOffsets = clipOffsets;
        this.examples = Collections.unmodifiableList(examples);
        this.order = order;
        this.clips = clips;
        this.noisyCopies = noisyCopies;
    }

    /**
     * Builds the corpus. {@code noisyCopies} 0 (evaluation sets) or the seed's 2; {@code cache} may be null.
     * {@code progress} receives the number of files done.
     */
    public static SpeechCorpus load(List<Path> files, SpeechInput unscaled, LabelOrder order, int noisyCopies, long seed,
                                    MelFeatureCache cache, IntConsumer progress) {
        return load(files, unscaled, order, noisyCopies, seed, cache, progress, false);
    }

    /**
     * As {@link #load(List, SpeechInput, LabelOrder, int, long, MelFeatureCache, IntConsumer)}; {@code keepClips}
     * keeps every decoded clip (about 0.7 MB per RAVDESS clip) for {@link #scaledForEpoch}.
     */
    public static SpeechCorpus load(List<Path> files, SpeechInput unscaled, LabelOrder order, int noisyCopies, long seed,
                                    MelFeatureCache cache, IntConsumer progress, boolean keepClips) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(unscaled, "unscaled");
        Objects.requireNonNull(order, "order");
        if (noisyCopies < 0) {
            throw new IllegalArgumentException("noisyCopies must be >= 0");
        }
        List<Example> out = new ArrayList<>();
        List<AudioSignal> kept = keepClips ? new ArrayList<>() : null;
        Random rng = new Random(seed);
        int done = 0;
        for (Path f : files) {
            LabelledFile name = LabelledFile.of(f);
            int label = order.indexOf(name.truth());
            AudioSignal clip = cache != null && !keepClips && noisyCopies == 0 ? null : WavDecoder.decode(f);
            float[] window = clip == null ? null : unscaled.window(clip);
            float[] clean = cache != null ? cache.melDb(f) : toFloat(unscaled.melDb(window));
            out.add(new Example(f, name, label, 0, clean));
            if (kept != null) {
                kept.add(clip);
            }
            if (noisyCopies > 0) {
                float[][] noisy = Awgn.augment(window, noisyCopies, 15, 30, rng);
                for (int c = 0; c < noisy.length; c++) {
                    out.add(new Example(f, name, label, c + 1, toFloat(unscaled.melDb(noisy[c]))));
                }
            }
            if (progress != null) {
                progress.accept(++done);
            }
        }
        return new SpeechCorpus(out, order, kept == null ? null : Collections.unmodifiableList(kept), noisyCopies, unscaled.frames());
    }

    public List<Example> examples() {
        return examples;
    }

    public int size() {
        return examples.size();
    }

    public LabelOrder labelOrder() {
        return order;
    }

    /** scikit-learn {@code StandardScaler().fit} over every example (clean and noisy), as the seed fits it. */
    public SklearnScaler fitScaler() {
        return fitScaler(ScalerFit.PER_FEATURE);
    }

    /** A scaler fitted over every example (clean and noisy) the given way. */
    public SklearnScaler fitScaler(ScalerFit fit) {
        return switch (fit) {
            case PER_FEATURE -> SklearnScaler.fit(rows());
            case PER_MEL_BIN -> SklearnScaler.fitPooled(rows(), frames);
        };
    }

    private Iterable<double[]> rows() {
        return () -> new Iterator<double[]>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < examples.size();
            }

            @Override
            public double[] next() {
                float[] m = examples.get(i++).melDb();
                double[] d = new double[m.length];
                for (int k = 0; k < m.length; k++) {
                    d[k] = m[k];
                }
                return d;
            }
        };
    }

    /** Every example's mel scaled by {@code scaler}, rounded to float32 (the network's input). */
    public List<float[]> scaled(SklearnScaler scaler) {
        List<float[]> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(scale(e.melDb(), scaler));
        }
        return out;
    }

    private static float[] scale(float[] m, SklearnScaler scaler) {
        double[] mean = scaler.mean();
        double[] scale = scaler.scale();
        if (m.length != mean.length) {
            throw new IllegalArgumentException("scaler has " + mean.length + " features, mel has " + m.length);
        }
        float[] s = new float[m.length];
        for (int k = 0; k < m.length; k++) {
            s[k] = (float) ((m[k] - mean[k]) / scale[k]);
        }
        return s;
    }

    /**
     * As {@link #scaled} (same examples, same order), with every AWGN copy drawn afresh from {@code seed}: clip c's
     * copies use {@code new Random(seed * 1_000_003 + c)}, so a seed always gives the same examples. Clean examples
     * are as loaded. Beyond the seed's recipe, which draws the copies once: redrawing them every epoch shows the
     * network new noise instead of the same three versions of each clip. Same as {@code scaledForEpoch(unscaled,
     * scaler, seed, SpeechAugmentation.SEED.withFreshNoise(true))}.
     *
     * @throws IllegalStateException when the corpus was loaded without {@code keepClips} or without noisy copies
     */
    public List<float[]> scaledWithFreshNoise(SpeechInput unscaled, SklearnScaler scaler, long seed) {
        return scaledForEpoch(unscaled, scaler, seed, SpeechAugmentation.SEED.withFreshNoise(true));
    }

    /**
     * The training examples of one epoch (same number, order and labels as {@link #scaled}), drawn from {@code seed}
     * for clip c with generators seeded from {@code seed * 1_000_003 + c}:
     * <ol>
     *   <li>speed perturbation ({@link SpeechAugmentation#maxSpeedChange()} s &gt; 0): the clip resampled so that it
     *       plays faster or slower by a factor drawn uniformly from 1 ± s (tempo and pitch together);</li>
     *   <li>time shift ({@link SpeechAugmentation#maxShiftSeconds()} t &gt; 0): the window starts at {@code unscaled}'s
     *       offset moved by a shift drawn uniformly from ±t (never before the clip's start);</li>
     *   <li>telephone channel ({@link SpeechAugmentation#telephoneProbability()}): the clip put through
     *       {@link org.affect4j.audio.io.Degradations#telephone} before the window is cut;</li>
     *   <li>cut ({@link SpeechAugmentation#cutProbability()}): the window's tail zeroed ({@link #cutWindow});</li>
     *   <li>the clean example is that window's mel (as loaded when neither applies) and the AWGN copies are drawn
     *       afresh for it ({@code new Random(seed * 1_000_003 + c)}).</li>
     * </ol>
     * All beyond the seed's recipe. In a {@link #speakerNormalised} corpus every redrawn mel is shifted by its
     * clip's offsets, exactly as the loaded examples were. Runs the clips in parallel.
     *
     * @throws IllegalStateException when the corpus was loaded without {@code keepClips} or without noisy copies
     */
    public List<float[]> scaledForEpoch(SpeechInput unscaled, SklearnScaler scaler, long seed, SpeechAugmentation augmentation) {
        if (clips == null || noisyCopies == 0) {
            throw new IllegalStateException("examples redrawn per epoch need a training corpus loaded with noisy copies and keepClips");
        }
        double maxShift = augmentation.maxShiftSeconds();
        double maxSpeed = augmentation.maxSpeedChange();
        int per = 1 + noisyCopies;
        float[][] out = new float[examples.size()][];
        java.util.stream.IntStream.range(0, clips.size()).parallel().forEach(c -> {
            AudioSignal clip = clips.get(c);
            if (maxSpeed > 0) {
                double factor = 1 + (2 * new Random((seed * 1_000_003L + c) ^ 0x5BEED5L).nextDouble() - 1) * maxSpeed;
                clip = speedChanged(clip, factor);
            }
            if (augmentation.telephoneProbability() > 0
                    && new Random((seed * 1_000_003L + c) ^ 0x7E1E90L).nextDouble() < augmentation.telephoneProbability()) {
                clip = org.affect4j.audio.io.Degradations.telephone(clip);
            }
            SpeechInput input = unscaled;
            if (maxShift > 0) {
                double u = new Random((seed * 1_000_003L + c) ^ 0x5817F7L).nextDouble();
                input = unscaled.withOffset(Math.max(0, unscaled.offsetSeconds() + (2 * u - 1) * maxShift));
            }
            float[] window = input.window(clip);
            if (augmentation.cutProbability() > 0) {
                Random r = new Random((seed * 1_000_003L + c) ^ 0xC07C07L);
                if (r.nextDouble() < augmentation.cutProbability()) {
                    window = cutWindow(window, input, r.nextDouble());
                }
            }
            boolean asLoaded = !augmentation.changesWindow();
            float[] offsets = clipOffsets == null ? null : clipOffsets[c];
            out[c * per] = asLoaded ? scale(examples.get(c * per).melDb(), scaler)
                    : scale(shifted(toFloat(input.melDb(window)), offsets), scaler);
            float[][] noisy = Awgn.augment(window, noisyCopies, 15, 30, new Random(seed * 1_000_003L + c));
            for (int k = 0; k < noisy.length; k++) {
                out[c * per + 1 + k] = scale(shifted(toFloat(input.melDb(noisy[k])), offsets), scaler);
            }
        });
        return java.util.Arrays.asList(out);
    }

    /**
     * The window with only its first L seconds kept and the rest zero, L = {@link SpeechAugmentation#MIN_CUT_SECONDS}
     * + u × (window − that): what a short clip looks like after zero padding.
     */
    static float[] cutWindow(float[] window, SpeechInput input, double u) {
        double min = Math.min(SpeechAugmentation.MIN_CUT_SECONDS, input.windowSeconds());
        double seconds = min + u * (input.windowSeconds() - min);
        int keep = (int) Math.min(window.length, Math.round(seconds * input.frontend().config().sampleRate()));
        float[] out = window.clone();
        java.util.Arrays.fill(out, keep, out.length, 0f);
        return out;
    }

    /**
     * {@code clip} played {@code factor} times as fast (tempo and pitch): resampled to rate / factor and read back at
     * the original rate.
     */
    static AudioSignal speedChanged(AudioSignal clip, double factor) {
        int rate = clip.sampleRate();
        AudioSignal r = Resampler.resample(clip, (int) Math.round(rate / factor));
        return new AudioSignal(r.samples(), rate, clip.source());
    }

    /** Which of an actor's clean clips set its offsets in {@link #speakerNormalised}. */
    public enum SpeakerClips {
        /** All of the actor's clips in the corpus (training actors). */
        ALL,
        /**
         * The other repetition of the actor's clips (held-out actors, as {@code SpeechEvaluation.runCalibratedPerActor}
         * does at test time): no clip sets its own offsets.
         */
        OTHER_REPETITION
    }

    /** Each mel band's mean (dB) over all frames of the corpus's clean examples. */
    public double[] cleanBandMeans() {
        int nMels = examples.get(0).melDb().length / frames;
        double[] sum = new double[nMels];
        long n = 0;
        for (Example e : examples) {
            if (e.copy() == 0) {
                addBandSums(e.melDb(), sum);
                n++;
            }
        }
        for (int b = 0; b < nMels; b++) {
            sum[b] /= n * (double) frames;
        }
        return sum;
    }

    private void addBandSums(float[] mel, double[] sum) {
        for (int b = 0; b < sum.length; b++) {
            double s = 0;
            for (int f = b * frames, end = f + frames; f < end; f++) {
                s += mel[f];
            }
            sum[b] += s;
        }
    }

    /**
     * Speaker normalisation, beyond the seed's recipe — the training-side counterpart of
     * {@link org.affect4j.audio.features.SpeakerCalibration}: every example of an actor (clean and AWGN copies)
     * shifted per mel band by {@code targetDb[b]} minus band b's mean over that actor's clean examples chosen by
     * {@code clips}. A new corpus, keeping the decoded clips (if loaded with them) and each clip's offsets, so that
     * {@link #scaledForEpoch} shifts the examples it redraws by the same offsets.
     *
     * @throws IllegalArgumentException if the target has the wrong number of bands or an actor lacks the clips its
     *                                  offsets need
     */
    public SpeechCorpus speakerNormalised(double[] targetDb, SpeakerClips clips) {
        Objects.requireNonNull(targetDb, "targetDb");
        Objects.requireNonNull(clips, "clips");
        int nMels = examples.get(0).melDb().length / frames;
        if (targetDb.length != nMels) {
            throw new IllegalArgumentException("target has " + targetDb.length + " bands, the examples " + nMels);
        }
        java.util.Map<Integer, double[]> sums = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (Example e : examples) {
            if (e.copy() == 0) {
                int key = statsKey(e.name(), clips, false);
                addBandSums(e.melDb(), sums.computeIfAbsent(key, k -> new double[nMels]));
                counts.merge(key, 1, Integer::sum);
            }
        }
        List<Example> out = new ArrayList<>(examples.size());
        List<float[]> perClip = new ArrayList<>();
        java.util.Map<Integer, float[]> offsets = new java.util.HashMap<>();
        for (Example e : examples) {
            int key = statsKey(e.name(), clips, true);
            float[] o = offsets.computeIfAbsent(key, k -> {
                double[] sum = sums.get(k);
                if (sum == null) {
                    throw new IllegalArgumentException("actor " + e.name().actor() + " has no clean clips "
                            + (clips == SpeakerClips.ALL ? "" : "of repetition " + (3 - e.name().repetition()) + " ")
                            + "to set its offsets");
                }
                float[] off = new float[nMels];
                for (int b = 0; b < nMels; b++) {
                    off[b] = (float) (targetDb[b] - sum[b] / (counts.get(k) * (double) frames));
                }
                return off;
            });
            float[] m = e.melDb();
            out.add(new Example(e.file(), e.labels(), e.label(), e.copy(), shifted(m, o)));
            if (e.copy() == 0) {
                perClip.add(o);
            }
        }
        return new SpeechCorpus(out, order, this.clips, noisyCopies, frames, perClip.toArray(new float[0][]));
    }

    /** {@code mel} (nMels × frames) with {@code offsets[b]} added to band b; {@code mel} itself when offsets is null. */
    private float[] shifted(float[] mel, float[] offsets) {
        if (offsets == null) {
            return mel;
        }
        float[] out = new float[mel.length];
        for (int b = 0; b < offsets.length; b++) {
            for (int f = b * frames, end = f + frames; f < end; f++) {
                out[f] = mel[f] + offsets[b];
            }
        }
        return out;
    }

    /** The key of the statistics an example contributes to ({@code lookup} false) or is shifted by (true). */
    private static int statsKey(RavdessFileName n, SpeakerClips clips, boolean lookup) {
        if (clips == SpeakerClips.ALL) {
            return n.actor() * 4;
        }
        int rep = lookup ? 3 - n.repetition() : n.repetition();
        return n.actor() * 4 + rep;
    }

    public int[] labels() {
        return examples.stream().mapToInt(Example::label).toArray();
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
