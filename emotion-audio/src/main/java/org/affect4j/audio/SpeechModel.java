package org.affect4j.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.affect4j.audio.features.SpeakerCalibration;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.features.WindowPlacement;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.audio.net.SpeechNet;
import org.affect4j.audio.net.SpeechNetworks;
import org.affect4j.audio.net.UtteranceNet;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.MediaException;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.affect4j.core.SilentAudioException;
import org.affect4j.core.Span;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.core.nn.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole speech road, top-down: {@link Clip} → {@link WavDecoder} (samples) → {@link SpeechInput} (window, mel,
 * scaler) → network (logits) → {@link Prediction} in the seed's label order.
 *
 * <p>The network runs on one of two {@link InferenceEngine}s with the same weights and the same outputs (both are held to the
 * PyTorch reference by the parity tests): {@link InferenceEngine#EAGER} (default, {@code EagerSpeechNet}: op-by-op ND4J
 * execution in a per-thread workspace, several times faster at batch 1) or {@link InferenceEngine#SAMEDIFF} (the SameDiff
 * graph of {@link SpeechNet}, the reference port), chosen in one place, {@link SpeechNetworks}.
 *
 * <p>Thread-safe: the network is built once; each call creates its own input and releases every native array it
 * creates (workspace reset, or explicit close), so memory does not depend on the garbage collector. Calls may run
 * concurrently.
 */
public final class SpeechModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechModel.class);
    /** Window peak below which audio counts as silent (≈ −80 dBFS). */
    public static final float DEFAULT_SILENCE_PEAK = 1e-4f;
    /** Sample rates accepted for input. */
    public static final int MIN_RATE = 4_000;
    public static final int MAX_RATE = 384_000;

    private final Network graph;
    private final InferenceEngine engine;
    private final SpeechInput input;
    private final LabelOrder labelOrder;
    private final int maxBatch;
    private final float silencePeak;
    /** Window starts whose logits are averaged; one entry (the input's own offset) = the reference behaviour. */
    private final double[] windowOffsets;
    /** Whether the band-limited-input warning was logged (once per model; logging only). */
    private final java.util.concurrent.atomic.AtomicBoolean bandLimitWarned = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closed;

    private SpeechModel(Network graph, InferenceEngine engine, SpeechInput input, LabelOrder labelOrder, int maxBatch, float silencePeak) {
        this(graph, engine, input, labelOrder, maxBatch, silencePeak, new double[] {input.offsetSeconds()});
    }

    private SpeechModel(Network graph, InferenceEngine engine, SpeechInput input, LabelOrder labelOrder, int maxBatch, float silencePeak,
                        double[] windowOffsets) {
        this.graph = graph;
        this.engine = engine;
        this.input = input;
        this.labelOrder = labelOrder;
        this.maxBatch = maxBatch;
        this.silencePeak = silencePeak;
        this.windowOffsets = windowOffsets;
    }

    /** Builds the model from a state dict and a feature pipeline (its scaler included), on the {@link InferenceEngine#EAGER} engine. */
    public static SpeechModel create(StateDict weights, SpeechInput input, LabelOrder labelOrder, int maxBatch, float silencePeak) {
        return create(weights, input, labelOrder, maxBatch, silencePeak, InferenceEngine.EAGER);
    }

    /** As {@link #create(StateDict, SpeechInput, LabelOrder, int, float)} on the given engine. */
    public static SpeechModel create(StateDict weights, SpeechInput input, LabelOrder labelOrder, int maxBatch, float silencePeak,
                                     InferenceEngine engine) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(labelOrder, "labelOrder");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1");
        }
        if (!(silencePeak >= 0)) {
            throw new IllegalArgumentException("silence threshold must be >= 0");
        }
        if (input.utterance()) {
            UtteranceNet net = UtteranceNet.from(weights);
            if (net.inputs() != input.featureCount() || net.classes() != labelOrder.size()) {
                throw new CheckpointException(weights.source(), "the utterance network reads " + net.inputs() + " values into "
                        + net.classes() + " classes; the input pipeline makes " + input.featureCount() + " and the label order has "
                        + labelOrder.size());
            }
            Network n = SpeechNetworks.utteranceNetwork(net, engine);
            LOG.debug("utterance network ({} members, {} engine) built from {}", net.members(), engine, weights.source());
            return new SpeechModel(n, engine, input, labelOrder, maxBatch, silencePeak);
        }
        if (input.nMels() != SpeechNet.N_MELS || input.frames() != SpeechNet.N_FRAMES) {
            throw new IllegalArgumentException("the speech network needs " + SpeechNet.N_MELS + " x " + SpeechNet.N_FRAMES
                    + " features, the input pipeline makes " + input.nMels() + " x " + input.frames());
        }
        Network net = SpeechNetworks.melNetwork(weights, engine);
        LOG.debug("speech network ({} engine) built from {}", engine, weights.source());
        return new SpeechModel(net, engine, input, labelOrder, maxBatch, silencePeak);
    }

    /** The engine this model runs on. */
    public InferenceEngine engine() {
        return engine;
    }

    /** The seed's checkpoint and scaler, with the seed's pre-processing. */
    public static SpeechModel loadSeed(Path checkpoint, Path scaler) {
        return create(TorchCheckpoint.loadStateDict(checkpoint), SpeechInput.seed(SklearnScaler.read(scaler)),
                LabelOrder.SEED_SPEECH, 32, DEFAULT_SILENCE_PEAK);
    }

    /**
     * A view of this model whose window starts at {@code seconds} into its input (sharing the network): 0 for
     * audio already cut to the window, as timelines and the multimodal model pass it. The view analyses one window,
     * also when this model averages several ({@link #withWindowOffsets}).
     */
    public SpeechModel withOffset(double seconds) {
        return new SpeechModel(graph, engine, input.withOffset(seconds), labelOrder, maxBatch, silencePeak);
    }

    /**
     * A view of this model (sharing the network) whose single window is placed by {@code placement}
     * ({@link WindowPlacement#FIXED} = at the configured offset, the reference behaviour). With a placement that looks
     * for speech, up to the first {@value #MAX_PLACEMENT_SECONDS} s of a file are read.
     *
     * @throws IllegalStateException when this model averages several windows ({@link #withWindowOffsets})
     */
    public SpeechModel withWindowPlacement(WindowPlacement placement) {
        Objects.requireNonNull(placement, "placement");
        if (windowOffsets.length > 1 && placement != WindowPlacement.FIXED) {
            throw new IllegalStateException("window placement applies to a single window; this model averages windows at "
                    + java.util.Arrays.toString(windowOffsets) + " s");
        }
        return new SpeechModel(graph, engine, input.withPlacement(placement), labelOrder, maxBatch, silencePeak, windowOffsets);
    }

    /** How much of a file a speech-seeking {@link WindowPlacement} reads, at most (seconds). */
    public static final double MAX_PLACEMENT_SECONDS = 120.0;

    /** Largest number of windows {@link #withWindowOffsets} accepts. */
    public static final int MAX_WINDOWS = 16;

    /**
     * A view of this model (sharing the network) that predicts a clip from several windows of the model's length,
     * starting at each of {@code offsetsSeconds}, and averages their logits — test-time augmentation, beyond the seed,
     * which analyses one window from 0.5 s. Averaging logits is averaging log-probabilities: the prediction is the
     * normalised geometric mean of the windows' probabilities. A window that is silent (e.g. one starting after the
     * clip ends) is left out of the average; a clip whose every window is silent fails with
     * {@link SilentAudioException}. {@link #features} keeps using the first offset.
     *
     * @throws IllegalArgumentException unless 1..{@value #MAX_WINDOWS} distinct, finite offsets >= 0 are given
     */
    public SpeechModel withWindowOffsets(double... offsetsSeconds) {
        Objects.requireNonNull(offsetsSeconds, "offsetsSeconds");
        if (offsetsSeconds.length < 1 || offsetsSeconds.length > MAX_WINDOWS) {
            throw new IllegalArgumentException("give 1.." + MAX_WINDOWS + " window offsets, got " + offsetsSeconds.length);
        }
        double[] copy = offsetsSeconds.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!(copy[i] >= 0) || Double.isInfinite(copy[i])) {
                throw new IllegalArgumentException("window offsets must be finite and >= 0, got " + copy[i]);
            }
            for (int j = 0; j < i; j++) {
                if (copy[j] == copy[i]) {
                    throw new IllegalArgumentException("window offset " + copy[i] + " s is given twice");
                }
            }
        }
        return new SpeechModel(graph, engine, input.withOffset(copy[0]), labelOrder, maxBatch, silencePeak, copy);
    }

    /** The window starts whose logits a prediction averages (one entry: the reference single window). */
    public double[] windowOffsets() {
        return windowOffsets.clone();
    }

    /**
     * Fits a {@link SpeakerCalibration} (beyond the seed) from unlabelled clips of one speaker, analysed with this
     * model's window, front end and scaler. More clips give steadier offsets: use at least
     * {@value SpeakerCalibration#RECOMMENDED_CLIPS} (fewer are accepted with a logged warning; see the README's measurements).
     *
     * @throws IllegalArgumentException if no clip is given
     * @throws IllegalStateException if this model's input has neither a scaler nor a calibration target
     * @throws SilentAudioException naming the clip if its window is silent
     * @throws MediaException naming the file if a clip cannot be decoded
     */
    public SpeakerCalibration fitCalibration(List<Clip> speakerClips) {
        Objects.requireNonNull(speakerClips, "speakerClips");
        if (speakerClips.isEmpty()) {
            throw new IllegalArgumentException("speaker calibration needs at least one clip");
        }
        if (input.utterance()) {
            throw new IllegalStateException("speaker calibration applies to log-mel models; this model reads utterance statistics,"
                    + " which are normalised per clip already");
        }
        double[] target = input.calibrationTargetDb();
        List<double[]> mels = new ArrayList<>(speakerClips.size());
        for (Clip c : speakerClips) {
            Objects.requireNonNull(c, "clip");
            mels.add(input.melDb(audibleWindow(input, decode(c), c.name())));
        }
        if (mels.size() < SpeakerCalibration.RECOMMENDED_CLIPS) {
            LOG.warn("speaker calibration from {} clips: fewer than {} gave noisy offsets and less (with 1-2 clips: negative) gain on RAVDESS",
                    mels.size(), SpeakerCalibration.RECOMMENDED_CLIPS);
        }
        return SpeakerCalibration.fit(target, input.frames(), mels);
    }

    /**
     * A view of this model (sharing the network, window offsets kept) that applies {@code calibration} to every
     * clip's log-mel bands before the scaler; {@code null} removes a calibration (the seed's pipeline).
     */
    public SpeechModel withCalibration(SpeakerCalibration calibration) {
        if (calibration != null && input.utterance()) {
            throw new IllegalStateException("speaker calibration applies to log-mel models; this model reads utterance statistics,"
                    + " which are normalised per clip already");
        }
        return new SpeechModel(graph, engine, input.withCalibration(calibration), labelOrder, maxBatch, silencePeak, windowOffsets);
    }

    public SpeechInput input() {
        return input;
    }

    public LabelOrder labelOrder() {
        return labelOrder;
    }

    /** Decodes a clip to mono samples (WAV file, or the clip's PCM). */
    public AudioSignal decode(Clip clip) {
        Objects.requireNonNull(clip, "clip");
        if (clip instanceof Clip.Pcm pcm) {
            requireRate(null, pcm.sampleRate());
            warnIfBandLimited(pcm.name(), pcm.sampleRate());
            return new AudioSignal(pcm.samples(), pcm.sampleRate(), null);
        }
        Path file = ((Clip.File) clip).path();
        WavDecoder.Header h = WavDecoder.header(file);
        requireRate(file, h.sampleRate());
        warnIfBandLimited(file, h.sampleRate());
        // only what the windows read: from 0 to the last window's end (+1 s), so a long file costs no more than a
        // short one. The windows are cut before resampling, so the samples they see are the same as from the whole file.
        double last = input.offsetSeconds();
        for (double o : windowOffsets) {
            last = Math.max(last, o);
        }
        double span = input.placement() == WindowPlacement.FIXED ? last + input.windowSeconds() + 1.0 : MAX_PLACEMENT_SECONDS;
        return h.durationSeconds() > span ? WavDecoder.window(file, 0, span) : WavDecoder.decode(file);
    }

    /** The clip's full duration in seconds (a file's from its header: {@link #decode} may read only its start). */
    private static double mediaSeconds(Clip clip, AudioSignal decoded) {
        return clip instanceof Clip.File f ? WavDecoder.header(f.path()).durationSeconds() : decoded.durationSeconds();
    }

    /**
     * The input with its window placed for {@code signal}: this model's input when the placement is fixed, else fixed
     * at the offset the placement chooses for it (the speech activity is computed once per clip).
     */
    private SpeechInput placedFor(AudioSignal signal) {
        return input.placement() == WindowPlacement.FIXED ? input : input.withOffset(input.offsetFor(signal));
    }

    /** The part of a clip {@code mediaSeconds} long that a prediction scores, the single window placed as {@code at}. */
    private Span span(SpeechInput at, double mediaSeconds) {
        double from;
        double to;
        if (windowOffsets.length == 1) {
            from = at.offsetSeconds();
            to = from + at.windowSeconds();
        } else {
            from = Double.POSITIVE_INFINITY;
            to = 0;
            for (double o : windowOffsets) {
                from = Math.min(from, o);
                to = Math.max(to, o + input.windowSeconds());
            }
        }
        double start = Math.min(from, mediaSeconds);
        return new Span(start, Math.max(start, Math.min(to, mediaSeconds)), mediaSeconds);
    }

    /**
     * Logs once per model, at WARN, that a clip below 44.1 kHz goes to a model on the seed's 0–24 kHz front end: such
     * models were trained on 48 kHz studio audio and score near chance on resampled or band-limited audio
     * (docs/robustness.md); {@link BundledSpeechModel#UTTERANCE}, the default, is made for it.
     */
    private void warnIfBandLimited(Object what, int rate) {
        if (rate < 44_100 && input.frontend().config().equals(org.affect4j.audio.features.MelConfig.seed())
                && bandLimitWarned.compareAndSet(false, true)) {
            LOG.warn("{} is {} Hz audio; this model's mel front end (the seed's, 0-24 kHz) was trained on 48 kHz audio and scores"
                    + " near chance on resampled or telephone audio: the default model (BundledSpeechModel.UTTERANCE) is made for it"
                    + " (logged once per model)", what, rate);
        }
    }

    private static void requireRate(Path file, int rate) {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new MediaException(file, "sample rate " + rate + " Hz is outside the supported " + MIN_RATE + ".." + MAX_RATE + " Hz");
        }
    }

    /** Scaled features for one clip; fails with {@link SilentAudioException} when its window is silent. */
    public SpeechInput.Features features(Clip clip) {
        return features(decode(clip), clip.name());
    }

    /**
     * Scaled features of a decoded signal (window from the configured offset); fails with
     * {@link SilentAudioException} when the window is silent.
     */
    public SpeechInput.Features features(AudioSignal signal, String name) {
        return features(placedFor(signal), signal, name);
    }

    private SpeechInput.Features features(SpeechInput at, AudioSignal signal, String name) {
        float[] scaled = at.networkInput(audibleWindow(at, signal, name));
        return new SpeechInput.Features(scaled, at.utterance() ? 1 : at.nMels(), at.utterance() ? scaled.length : at.frames(),
                at.realSamples(signal) / (double) at.frontend().config().sampleRate(), at.windowSamples()
                        / (double) at.frontend().config().sampleRate());
    }

    /** The window {@code at} cuts from {@code signal}; fails with {@link SilentAudioException} when it is silent. */
    private float[] audibleWindow(SpeechInput at, AudioSignal signal, String name) {
        requireRate(signal.source(), signal.sampleRate());
        float[] window = at.window(signal);
        float peak = peak(window);
        if (peak <= silencePeak) {
            throw new SilentAudioException(signal.source(), "the analysed window (" + name
                    + ") is silent: peak " + peak + " <= threshold " + silencePeak);
        }
        return window;
    }

    private static float peak(float[] window) {
        float peak = 0;
        for (float v : window) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }

    /** Scaled features of every non-silent window of {@link #windowOffsets}; fails when all are silent. */
    private List<float[]> windowFeatures(SpeechInput placed, AudioSignal signal, String name) {
        if (windowOffsets.length == 1) {
            return List.of(features(placed, signal, name).scaled());
        }
        requireRate(signal.source(), signal.sampleRate());
        List<float[]> out = new ArrayList<>(windowOffsets.length);
        float loudest = 0;
        for (double offset : windowOffsets) {
            SpeechInput at = input.withOffset(offset);
            float[] window = at.window(signal);
            float peak = peak(window);
            loudest = Math.max(loudest, peak);
            if (peak > silencePeak) {
                out.add(at.networkInput(window));
            }
        }
        if (out.isEmpty()) {
            throw new SilentAudioException(signal.source(), "every analysed window (" + name + ", starts "
                    + java.util.Arrays.toString(windowOffsets) + " s) is silent: peak " + loudest + " <= threshold " + silencePeak);
        }
        return out;
    }

    public Prediction predict(Clip clip) {
        return predict(List.of(clip)).get(0);
    }

    /** Predicts an already decoded signal (e.g. a video's audio track). */
    public Prediction predict(AudioSignal signal, String name) {
        SpeechInput at = placedFor(signal);
        return Prediction.fromLogits(meanLogits(logits(windowFeatures(at, signal, name)), 0, -1), labelOrder, EnumSet.of(Modality.SPEECH))
                .withSpan(span(at, signal.durationSeconds()));
    }

    /** Predicts every clip; the network runs in batches of at most {@code maxBatch} windows. */
    public List<Prediction> predict(List<Clip> clips) {
        Objects.requireNonNull(clips, "clips");
        List<float[]> features = new ArrayList<>(clips.size() * windowOffsets.length);
        int[] windowsOf = new int[clips.size()];
        Span[] spans = new Span[clips.size()];
        for (int i = 0; i < clips.size(); i++) {
            Clip c = Objects.requireNonNull(clips.get(i), "clip");
            AudioSignal signal = decode(c);
            SpeechInput at = placedFor(signal);
            List<float[]> w = windowFeatures(at, signal, c.name());
            spans[i] = span(at, mediaSeconds(c, signal));
            windowsOf[i] = w.size();
            features.addAll(w);
        }
        List<float[]> logits = logits(features);
        List<Prediction> out = new ArrayList<>(clips.size());
        int at = 0;
        for (int i = 0; i < windowsOf.length; i++) {
            out.add(Prediction.fromLogits(meanLogits(logits, at, windowsOf[i]), labelOrder, EnumSet.of(Modality.SPEECH)).withSpan(spans[i]));
            at += windowsOf[i];
        }
        return out;
    }

    /** Mean of {@code count} logit rows from {@code from} ({@code count} -1 = all); one row is returned as is. */
    private static float[] meanLogits(List<float[]> rows, int from, int count) {
        int n = count < 0 ? rows.size() - from : count;
        if (n == 1) {
            return rows.get(from);
        }
        double[] sum = new double[rows.get(from).length];
        for (int r = from; r < from + n; r++) {
            float[] row = rows.get(r);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += row[k];
            }
        }
        float[] mean = new float[sum.length];
        for (int k = 0; k < sum.length; k++) {
            mean[k] = (float) (sum[k] / n);
        }
        return mean;
    }

    /** Runs the network on already-scaled inputs ({@link SpeechInput#featureCount()} values each: nMels × frames row-major, or utterance statistics). */
    public List<float[]> logits(List<float[]> scaledInputs) {
        if (closed) {
            throw new IllegalStateException("speech model is closed");
        }
        int per = input.featureCount();
        List<float[]> out = new ArrayList<>(scaledInputs.size());
        for (int from = 0; from < scaledInputs.size(); from += maxBatch) {
            int b = Math.min(maxBatch, scaledInputs.size() - from);
            float[] batch = new float[b * per];
            for (int i = 0; i < b; i++) {
                float[] x = scaledInputs.get(from + i);
                if (x.length != per) {
                    throw new IllegalArgumentException("input " + (from + i) + " has " + x.length + " values, expected " + per);
                }
                System.arraycopy(x, 0, batch, i * per, per);
            }
            out.addAll(java.util.Arrays.asList(graph.logits(batch, b)));
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        graph.close();
    }
}
