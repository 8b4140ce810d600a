package org.affect4j.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.audio.features.MelConfig;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.features.SpeechWindow;
import org.affect4j.audio.features.UtteranceStatistics;
import org.affect4j.audio.net.SpeechNet;
import org.affect4j.audio.net.UtteranceNet;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.InferenceEngine;

/**
 * A speech model in Affect4J's own format ({@link ModelArchive}): the network's weights ({@code weights.<key>}: the
 * seed's state-dict layout for {@link #ARCHITECTURE}, {@link UtteranceNet}'s keys for {@link #UTTERANCE_ARCHITECTURE}),
 * the scaler ({@code scaler.mean}, {@code scaler.scale}, float64), the label order and the input pipeline (mel front end
 * by name, window offset and length), plus free-form provenance (data, protocol, recipe, scores). Loading rebuilds
 * exactly the network the weights were trained into, so a saved model predicts bit-identically after loading.
 */
public final class SpeechModelArchive {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SpeechModelArchive.class);

    public static final String KIND = "speech";
    public static final String ARCHITECTURE = "seed-parallel-cnn-transformer";
    /** The default model the project trained itself (see MODEL_CARD.md), bundled in this jar ({@link BundledSpeechModel#DEFAULT}). */
    public static final String DEFAULT_RESOURCE = "/org/affect4j/audio/model/affect4j-speech-utterance.zip";

    private SpeechModelArchive() {
    }

    /** Tensor holding the band means a speaker-normalised model was trained with (absent for other models). */
    public static final String CALIBRATION_TARGET = "calibration.target";

    public static ModelArchive toArchive(StateDict weights, SklearnScaler scaler, LabelOrder order, Map<String, Object> provenance) {
        return toArchive(weights, scaler, order, provenance, null);
    }

    /**
     * As {@link #toArchive(StateDict, SklearnScaler, LabelOrder, Map)} for a model trained on speaker-normalised
     * input: {@code calibrationTargetDb} (one value per mel band, null = not speaker-normalised) is stored so that
     * {@link SpeechModel#fitCalibration} aims at the training speakers' band means.
     */
    public static ModelArchive toArchive(StateDict weights, SklearnScaler scaler, LabelOrder order, Map<String, Object> provenance,
                                         double[] calibrationTargetDb) {
        return toArchive(weights, scaler, order, provenance, calibrationTargetDb, MelConfig.seed());
    }

    /**
     * As {@link #toArchive(StateDict, SklearnScaler, LabelOrder, Map, double[])} for a model trained on the mel front
     * end {@code mel} (stored by name, {@link MelConfig#name()}: the seed's or {@link MelConfig#telephoneBand()}).
     *
     * @throws IllegalArgumentException for a front end without a name or one that does not give the network's input
     */
    public static ModelArchive toArchive(StateDict weights, SklearnScaler scaler, LabelOrder order, Map<String, Object> provenance,
                                         double[] calibrationTargetDb, MelConfig mel) {
        return toArchive(weights, scaler, order, provenance, calibrationTargetDb, mel, SpeechWindow.SEED.withRate(mel.sampleRate()));
    }

    /**
     * As {@link #toArchive(StateDict, SklearnScaler, LabelOrder, Map, double[], MelConfig)} for a model trained on
     * {@code window} (stored as {@code offsetSeconds} and {@code windowSeconds}: what the loaded model will analyse).
     *
     * @throws IllegalArgumentException if the window's rate is not the front end's or its length does not give the
     *                                  network's {@value SpeechNet#N_FRAMES} frames
     */
    public static ModelArchive toArchive(StateDict weights, SklearnScaler scaler, LabelOrder order, Map<String, Object> provenance,
                                         double[] calibrationTargetDb, MelConfig mel, SpeechWindow window) {
        Objects.requireNonNull(mel, "mel");
        Objects.requireNonNull(window, "window");
        if (window.sampleRate() != mel.sampleRate() || new org.affect4j.audio.features.MelFrontend(mel).frames(window.samples()) != SpeechNet.N_FRAMES) {
            throw new IllegalArgumentException("the window " + window + " does not give the network's " + SpeechNet.N_FRAMES
                    + " frames at the front end's " + mel.sampleRate() + " Hz");
        }
        if (mel.name() == null) {
            throw new IllegalArgumentException("only named mel front ends can be stored (seed, telephone-band), got " + mel);
        }
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(scaler, "scaler");
        Objects.requireNonNull(order, "order");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("kind", KIND);
        meta.put("architecture", ARCHITECTURE);
        meta.put("labelOrder", order.name());
        meta.put("labels", order.emotions().stream().map(Emotion::name).toList());
        meta.put("melFrontend", mel.name());
        meta.put("offsetSeconds", window.offsetSeconds());
        meta.put("windowSeconds", window.seconds());
        meta.put("provenance", new LinkedHashMap<>(provenance));
        Map<String, ModelArchive.Tensor> t = new LinkedHashMap<>();
        for (String k : weights.keys()) {
            if (!k.endsWith("num_batches_tracked")) {
                t.put("weights." + k, ModelArchive.Tensor.of(weights.tensor(k).toFloatArray(), weights.tensor(k).shape()));
            }
        }
        t.put("scaler.mean", ModelArchive.Tensor.of(scaler.mean(), scaler.features()));
        t.put("scaler.scale", ModelArchive.Tensor.of(scaler.scale(), scaler.features()));
        if (calibrationTargetDb != null) {
            meta.put("speakerNormalised", true);
            t.put(CALIBRATION_TARGET, ModelArchive.Tensor.of(calibrationTargetDb, calibrationTargetDb.length));
        }
        return ModelArchive.of(meta, t);
    }

    /** Longest window an utterance model archive may ask for (seconds). */
    public static final double MAX_UTTERANCE_WINDOW_SECONDS = 30.0;

    /** Architecture name of the utterance model (beyond the seed): {@link UtteranceNet} over {@link UtteranceStatistics}. */
    public static final String UTTERANCE_ARCHITECTURE = "utterance-statistics-mlp";

    /**
     * An utterance model (beyond the seed) as an archive: {@link UtteranceNet}'s weights ({@code weights.member<m>.*}),
     * the statistics' scaler, the label order, the window it was trained on ({@code offsetSeconds},
     * {@code windowSeconds}) and provenance.
     *
     * @throws IllegalArgumentException if the scaler or label order does not fit the network, or the window is not at
     *                                  the utterance front end's rate
     */
    public static ModelArchive toArchive(UtteranceNet net, SklearnScaler scaler, LabelOrder order, SpeechWindow window,
                                         Map<String, Object> provenance) {
        Objects.requireNonNull(window, "window");
        if (window.sampleRate() != MelConfig.utterance().sampleRate()) {
            throw new IllegalArgumentException("an utterance model's window is at " + MelConfig.utterance().sampleRate() + " Hz, got " + window);
        }
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(scaler, "scaler");
        Objects.requireNonNull(order, "order");
        if (scaler.features() != net.inputs() || order.size() != net.classes()) {
            throw new IllegalArgumentException("scaler (" + scaler.features() + " features) or label order (" + order.size()
                    + ") does not fit the network (" + net.inputs() + " inputs, " + net.classes() + " classes)");
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("kind", KIND);
        meta.put("architecture", UTTERANCE_ARCHITECTURE);
        meta.put("labelOrder", order.name());
        meta.put("labels", order.emotions().stream().map(Emotion::name).toList());
        meta.put("melFrontend", MelConfig.utterance().name());
        meta.put("offsetSeconds", window.offsetSeconds());
        meta.put("windowSeconds", window.seconds());
        meta.put("members", net.members());
        meta.put("provenance", new LinkedHashMap<>(provenance));
        Map<String, ModelArchive.Tensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : net.namedWeights().entrySet()) {
            t.put("weights." + e.getKey(), ModelArchive.Tensor.of(e.getValue(), net.shapeOf(e.getKey())));
        }
        t.put("scaler.mean", ModelArchive.Tensor.of(scaler.mean(), scaler.features()));
        t.put("scaler.scale", ModelArchive.Tensor.of(scaler.scale(), scaler.features()));
        return ModelArchive.of(meta, t);
    }

    /** Reads a speech model archive from a file (batches of 32, default silence threshold). */
    public static SpeechModel load(Path file) {
        return fromArchive(ModelArchive.read(file), 32, SpeechModel.DEFAULT_SILENCE_PEAK);
    }

    /** The bundled default model (see the project's MODEL_CARD.md). */
    public static SpeechModel loadDefault() {
        return fromArchive(readDefault(), 32, SpeechModel.DEFAULT_SILENCE_PEAK);
    }

    /** The bundled default model's archive (weights, scaler, provenance): {@link BundledSpeechModel#DEFAULT}. */
    public static ModelArchive readDefault() {
        return BundledSpeechModel.DEFAULT.read();
    }

    /** Builds a model from an archive; {@code maxBatch} and {@code silencePeak} as in {@link SpeechModel#create}. */
    public static SpeechModel fromArchive(ModelArchive a, int maxBatch, float silencePeak) {
        return fromArchive(a, maxBatch, silencePeak, InferenceEngine.EAGER);
    }

    /** As {@link #fromArchive(ModelArchive, int, float)} on the given engine. */
    public static SpeechModel fromArchive(ModelArchive a, int maxBatch, float silencePeak, InferenceEngine engine) {
        boolean utterance = UTTERANCE_ARCHITECTURE.equals(a.meta().get("architecture"));
        if (!KIND.equals(a.meta().get("kind")) || !(utterance || ARCHITECTURE.equals(a.meta().get("architecture")))) {
            throw new CheckpointException(a.source(), "not a speech model of architecture " + ARCHITECTURE + " or "
                    + UTTERANCE_ARCHITECTURE + ": kind " + a.meta().get("kind") + ", architecture " + a.meta().get("architecture"));
        }
        MelConfig mel;
        try {
            mel = MelConfig.byName(String.valueOf(a.meta().get("melFrontend")));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(a.source(), "unsupported mel front end: " + e.getMessage());
        }
        List<Emotion> labels = new ArrayList<>();
        if (!(a.meta().get("labels") instanceof List<?> raw)) {
            throw new CheckpointException(a.source(), "metadata 'labels' is missing");
        }
        for (Object o : raw) {
            try {
                labels.add(Emotion.valueOf(String.valueOf(o)));
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(a.source(), "unknown emotion label " + o);
            }
        }
        LabelOrder order;
        try {
            order = LabelOrder.of(a.metaString("labelOrder"), labels);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(a.source(), "bad label order: " + e.getMessage());
        }
        double offset = number(a, "offsetSeconds");
        double window = number(a, "windowSeconds");
        if (utterance) {
            return utteranceFromArchive(a, mel, order, offset, window, maxBatch, silencePeak, engine);
        }
        ModelArchive.Tensor mean = a.tensor("scaler.mean");
        ModelArchive.Tensor scale = a.tensor("scaler.scale");
        int features = SpeechNet.N_MELS * SpeechNet.N_FRAMES;
        if (mean.shape().length != 1 || mean.shape()[0] != features || scale.shape().length != 1 || scale.shape()[0] != features) {
            throw new CheckpointException(a.source(), "scaler must have " + features + " features");
        }
        SklearnScaler scaler = new SklearnScaler(mean.toDoubles(), scale.toDoubles());
        SpeechInput input;
        try {
            input = SpeechInput.of(new org.affect4j.audio.features.MelFrontend(mel), scaler, new SpeechWindow(offset, window, mel.sampleRate()));
            if (a.tensors().containsKey(CALIBRATION_TARGET)) {
                ModelArchive.Tensor target = a.tensor(CALIBRATION_TARGET);
                if (target.shape().length != 1 || target.shape()[0] != SpeechNet.N_MELS) {
                    throw new CheckpointException(a.source(), CALIBRATION_TARGET + " must hold " + SpeechNet.N_MELS + " values");
                }
                input = input.withCalibrationTarget(target.toDoubles());
                LOG.info("{} was trained on speaker-normalised input: calibrate it per speaker (forSpeaker) for the accuracy it was "
                        + "evaluated with", a.source());
            }
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(a.source(), "input pipeline does not fit: " + e.getMessage());
        }
        return SpeechModel.create(a.stateDict("weights."), input, order, maxBatch, silencePeak, engine);
    }

    private static SpeechModel utteranceFromArchive(ModelArchive a, MelConfig mel, LabelOrder order, double offset, double window,
                                                    int maxBatch, float silencePeak, InferenceEngine engine) {
        if (!mel.equals(MelConfig.utterance())) {
            throw new CheckpointException(a.source(), "an utterance model needs the utterance-8k front end, the archive names "
                    + mel.name());
        }
        ModelArchive.Tensor mean = a.tensor("scaler.mean");
        ModelArchive.Tensor scale = a.tensor("scaler.scale");
        int features = UtteranceStatistics.SIZE;
        if (mean.shape().length != 1 || mean.shape()[0] != features || scale.shape().length != 1 || scale.shape()[0] != features) {
            throw new CheckpointException(a.source(), "scaler must have " + features + " features");
        }
        if (!(window > 0 && window <= MAX_UTTERANCE_WINDOW_SECONDS) || !(offset >= 0 && offset <= 3600)) {
            throw new CheckpointException(a.source(), "window " + window + " s from " + offset + " s is outside (0, "
                    + MAX_UTTERANCE_WINDOW_SECONDS + "] s from [0, 3600] s");
        }
        double[] means = mean.toDoubles();
        double[] scales = scale.toDoubles();
        for (int i = 0; i < features; i++) {
            if (!Double.isFinite(means[i]) || !(scales[i] > 0) || !Double.isFinite(scales[i])) {
                throw new CheckpointException(a.source(), "scaler feature " + i + " has mean " + means[i] + " and scale " + scales[i]
                        + "; needs a finite mean and a finite, positive scale");
            }
        }
        SpeechInput input;
        try {
            input = SpeechInput.utterance(new SklearnScaler(means, scales), offset, window);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(a.source(), "input pipeline does not fit: " + e.getMessage());
        }
        return SpeechModel.create(a.stateDict("weights."), input, order, maxBatch, silencePeak, engine);
    }

    private static double number(ModelArchive a, String key) {
        if (!(a.meta().get(key) instanceof Number n)) {
            throw new CheckpointException(a.source(), "metadata '" + key + "' is missing or not a number");
        }
        return n.doubleValue();
    }

    /** The provenance block of a model archive (data, protocol, recipe, scores), for model cards and the CLI. */
    public static Map<String, Object> provenance(ModelArchive a) {
        return a.meta().get("provenance") instanceof Map<?, ?> m ? castMap(m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
