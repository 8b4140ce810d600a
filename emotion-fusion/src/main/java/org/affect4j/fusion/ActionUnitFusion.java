package org.affect4j.fusion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.vision.au.ActionUnitClassifier;
import org.affect4j.vision.au.ActionUnits;

/**
 * The trained action-unit fusion: the action-unit face branch ({@link ActionUnitClassifier}) and the seed's fusion
 * layer ({@link FusionNet}: [action-unit logits (8) | speech logits (8)] → Linear(16, 8)), trained together with one
 * speech model, which the archive names ({@link #speechModel()}) and whose logits it expects. Logits in the seed's
 * speech label order. The bundled one ({@link #readBundled()}) was trained on RAVDESS (MODEL_CARD.md, "Action-unit
 * fusion"). Immutable and thread-safe.
 */
public final class ActionUnitFusion implements ModalityFusion {

    public static final String KIND = "action-unit-fusion";
    /** Class-path location of the bundled archive. */
    public static final String BUNDLED_RESOURCE = "/org/affect4j/fusion/model/affect4j-au-fusion-ravdess.zip";
    /** Metadata key naming the bundled speech model the fusion was trained with ({@code BundledSpeechModel.id()}). */
    public static final String SPEECH_MODEL = "speechModel";
    /** Metadata key: sha256 of the speech model archive's weights file the fusion was trained with. */
    public static final String SPEECH_MODEL_SHA256 = "speechModelSha256";
    static final String FUSION_PREFIX = "fusion.";

    private final ActionUnitClassifier branch;
    private final FusionNet fusion;
    private final StateDict fusionWeights;
    private final Map<String, Object> meta;
    private final Path source;

    private ActionUnitFusion(ActionUnitClassifier branch, StateDict fusionWeights, Map<String, Object> meta, Path source) {
        this.branch = branch;
        this.fusionWeights = fusionWeights;
        this.fusion = FusionNet.create(fusionWeights);
        this.meta = Map.copyOf(meta);
        this.source = source;
    }

    /**
     * @param fusionWeights {@code fc.weight} (8, 16) and {@code fc.bias} (8), input [action-unit logits | speech logits]
     * @param meta          what to record in the archive, including {@value #SPEECH_MODEL}
     */
    public static ActionUnitFusion of(ActionUnitClassifier branch, StateDict fusionWeights, Map<String, Object> meta) {
        Objects.requireNonNull(meta, "meta");
        if (!(meta.get(SPEECH_MODEL) instanceof String)) {
            throw new IllegalArgumentException("meta must name the speech model ('" + SPEECH_MODEL + "')");
        }
        return new ActionUnitFusion(Objects.requireNonNull(branch, "branch"), Objects.requireNonNull(fusionWeights, "fusionWeights").select("fc."),
                meta, null);
    }

    /**
     * @throws CheckpointException naming the archive when it is not an action-unit fusion archive
     */
    public static ActionUnitFusion fromArchive(ModelArchive a) {
        Objects.requireNonNull(a, "archive");
        if (!KIND.equals(a.meta().get("kind"))) {
            throw new CheckpointException(a.source(), "not an action-unit fusion archive (kind " + a.meta().get("kind") + ")");
        }
        if (!LabelOrder.SEED_SPEECH.name().equals(a.meta().get("labelOrder"))) {
            throw new CheckpointException(a.source(), "action-unit fusion must use label order " + LabelOrder.SEED_SPEECH.name());
        }
        a.metaString(SPEECH_MODEL);
        Map<String, Object> m = new LinkedHashMap<>(a.meta());
        m.remove("format");
        m.remove("formatVersion");
        return new ActionUnitFusion(ActionUnitClassifier.fromArchive(a), a.stateDict(FUSION_PREFIX), m, a.source());
    }

    public static ActionUnitFusion read(Path file) {
        return fromArchive(ModelArchive.read(file));
    }

    /** The bundled model (trained by this project on RAVDESS; CC BY-NC-SA 4.0 applies, as to the data). */
    public static ActionUnitFusion readBundled() {
        try (InputStream in = ActionUnitFusion.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new CheckpointException(Path.of(BUNDLED_RESOURCE), "the bundled action-unit fusion model is missing from the class path");
            }
            return fromArchive(ModelArchive.read(in, Path.of("classpath:" + BUNDLED_RESOURCE)));
        } catch (IOException e) {
            throw new CheckpointException(Path.of(BUNDLED_RESOURCE), "cannot read the bundled action-unit fusion model: " + e.getMessage(), e);
        }
    }

    /** Archive of branch, fusion layer and metadata ({@link #fromArchive} reads it back). */
    public ModelArchive toArchive() {
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.put("kind", KIND);
        m.put("labelOrder", LabelOrder.SEED_SPEECH.name());
        m.put("fusionInput", "[action-unit logits (8) | speech logits (8)], both in seed-speech order");
        Map<String, ModelArchive.Tensor> t = new LinkedHashMap<>(branch.tensors());
        for (String k : fusionWeights.keys()) {
            t.put(FUSION_PREFIX + k, ModelArchive.Tensor.of(fusionWeights.tensor(k).toFloatArray(), fusionWeights.tensor(k).shape()));
        }
        return ModelArchive.of(m, t);
    }

    /** The same model with {@code key} set to {@code value} in its metadata. */
    public ActionUnitFusion withMeta(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ActionUnitFusion(branch, fusionWeights, m, source);
    }

    public ActionUnitClassifier branch() {
        return branch;
    }

    /** The speech model the fusion was trained with (a {@code BundledSpeechModel} id). */
    public String speechModel() {
        return (String) meta.get(SPEECH_MODEL);
    }

    /**
     * The bundled speech model this fusion was trained with ({@link #speechModel()}), with the window it was trained
     * on, checked byte for byte against the sha256 the archive records.
     *
     * @throws CheckpointException when this jar's bundled model is not the one the fusion was trained with
     */
    public org.affect4j.audio.SpeechModel loadSpeechModel(org.affect4j.core.nn.InferenceEngine engine) {
        org.affect4j.audio.BundledSpeechModel m;
        try {
            m = org.affect4j.audio.BundledSpeechModel.byId(speechModel());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source, "the action-unit fusion was trained with speech model '" + speechModel()
                    + "', which this library does not bundle");
        }
        Object want = meta.get(SPEECH_MODEL_SHA256);
        if (want != null) {
            String have = sha256(m.resource());
            if (!want.equals(have)) {
                throw new CheckpointException(source, "the action-unit fusion was trained with speech model " + speechModel() + " sha256 "
                        + want + ", but the bundled one is " + have);
            }
        }
        return org.affect4j.audio.SpeechModelArchive.fromArchive(m.read(), 32, org.affect4j.audio.SpeechModel.DEFAULT_SILENCE_PEAK, engine);
    }

    /** sha256 (hex) of a class-path resource. */
    public static String sha256(String resource) {
        try (InputStream in = ActionUnitFusion.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CheckpointException(Path.of(resource), "missing from the class path");
            }
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new CheckpointException(Path.of(resource), "cannot hash: " + e.getMessage(), e);
        }
    }

    /** The archive's metadata (provenance, recorded results). */
    public Map<String, Object> meta() {
        return meta;
    }

    /** The fused logits from the branch's and the speech model's logits (both seed speech order). */
    public float[] fuseLogits(float[] actionUnitLogits, float[] speechLogits) {
        return fusion.fuse(actionUnitLogits, speechLogits);
    }

    /** Fused prediction of a clip's action units and its speech prediction (seed speech order). */
    public Prediction predict(ActionUnits au, Prediction speech) {
        return fuse(branch.predict(au), speech);
    }

    /**
     * The fused prediction from the branch's prediction ({@code face}) and the speech prediction.
     *
     * @throws IllegalArgumentException when either is not in the seed's speech label order
     */
    @Override
    public Prediction fuse(Prediction face, Prediction speech) {
        if (!face.labelOrder().emotions().equals(LabelOrder.SEED_SPEECH.emotions())
                || !speech.labelOrder().emotions().equals(LabelOrder.SEED_SPEECH.emotions())) {
            throw new IllegalArgumentException("action-unit fusion needs both predictions in " + LabelOrder.SEED_SPEECH + " order, got "
                    + face.labelOrder() + " and " + speech.labelOrder());
        }
        return Prediction.fromLogits(fuseLogits(face.logits(), speech.logits()), LabelOrder.SEED_SPEECH, EnumSet.of(Modality.SPEECH, Modality.VIDEO));
    }

    @Override
    public String describe() {
        return "action-unit fusion layer (trained with speech model " + speechModel() + ")";
    }

    @Override
    public String toString() {
        return "ActionUnitFusion[" + branch + ", speech model " + speechModel() + (source == null ? "" : ", " + source) + "]";
    }
}
