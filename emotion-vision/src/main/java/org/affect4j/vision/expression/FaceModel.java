package org.affect4j.vision.expression;

import java.util.List;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;

/**
 * The bundled face-expression networks: two third-party nets (MIT, unmodified files in this jar; provenance in
 * {@code org/affect4j/vision/models/PROVENANCE.md} and MODEL_CARD.md) and the library's own CNN trained on FER2013
 * ({@link #AFFECT4J_FER2013}). How each maps to the library's
 * {@link Emotion}s: their seven classes are the RAVDESS emotions less calm (disgusted → {@link Emotion#DISGUST},
 * fearful / fear → {@link Emotion#FEARFUL}, surprise → {@link Emotion#SURPRISED}); calm has no face class, so a face
 * prediction gives it probability 0.
 */
public enum FaceModel {
    /**
     * face-api.js's FaceExpressionNet: 112×112 RGB crop, depthwise-separable dense blocks, 7 expressions (neutral,
     * happy, sad, angry, fearful, disgusted, surprised). Trained upstream on public datasets and web images.
     */
    FACE_API_EXPRESSION("face-api-expression", LabelOrder.of("face-api-expression", List.of(Emotion.NEUTRAL, Emotion.HAPPY,
            Emotion.SAD, Emotion.ANGRY, Emotion.FEARFUL, Emotion.DISGUST, Emotion.SURPRISED))),
    /**
     * Human's emotion net: the FER2013-trained mini-Xception of oarriaga/face_classification, 64×64 grey crop, 7
     * expressions (angry, disgust, fear, happy, sad, surprise, neutral).
     */
    HUMAN_EMOTION("human-emotion", LabelOrder.of("human-emotion", List.of(Emotion.ANGRY, Emotion.DISGUST, Emotion.FEARFUL,
            Emotion.HAPPY, Emotion.SAD, Emotion.SURPRISED, Emotion.NEUTRAL))),
    /**
     * The library's own face-expression CNN ({@code vision.net.FaceCnn}, 48×48 grey crop), trained by
     * {@code affect4j train-face} on FER2013's training split and selected on its validation split (research-use data;
     * MODEL_CARD.md, docs/faces.md). Classes in FER2013's order (angry, disgust, fear, happy, sad, surprise, neutral).
     */
    AFFECT4J_FER2013("affect4j-fer2013", LabelOrder.of("fer2013", List.of(Emotion.ANGRY, Emotion.DISGUST, Emotion.FEARFUL,
            Emotion.HAPPY, Emotion.SAD, Emotion.SURPRISED, Emotion.NEUTRAL)));

    private final String id;
    private final LabelOrder labels;

    FaceModel(String id, LabelOrder labels) {
        this.id = id;
        this.labels = labels;
    }

    /**
     * Name used on the command line and in results ({@code face-api-expression}, {@code human-emotion},
     * {@code affect4j-fer2013}).
     */
    public String id() {
        return id;
    }

    /** The order of the model's outputs (its emotions; no "calm"). */
    public LabelOrder labels() {
        return labels;
    }

    /** The model called {@code id}. @throws IllegalArgumentException naming the known ones */
    public static FaceModel byId(String id) {
        for (FaceModel m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown face model '" + id + "' (known: "
                + java.util.Arrays.stream(values()).map(FaceModel::id).collect(java.util.stream.Collectors.joining(", ")) + ")");
    }
}
