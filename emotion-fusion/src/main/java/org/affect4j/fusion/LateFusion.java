package org.affect4j.fusion;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;

/**
 * Late fusion without training: weighted log-linear pooling over the emotions both modalities know,
 * {@code log p(e) ∝ w_face · log p_face(e) + w_speech · log p_speech(e)}, each modality's probabilities first
 * renormalised over those shared emotions (the bundled face nets have no "calm", so the fused prediction has no calm
 * either). With weights 1 and 1 this is the product of the two modalities' beliefs — what a naive-Bayes combination of
 * two independent experts gives — which is the default because no paired audio-visual data is reachable here to fit
 * anything better (a trained fusion needs paired clips: see the seed's {@link ModalityFusion#trained}). Weights are
 * configurable; 0 turns a modality off. Immutable, thread-safe.
 */
public record LateFusion(double faceWeight, double speechWeight) implements ModalityFusion {

    /** Equal weights (the default; see the class comment). */
    public static final LateFusion EQUAL = new LateFusion(1.0, 1.0);

    /** @throws IllegalArgumentException unless both weights are finite and non-negative, and not both 0 */
    public LateFusion {
        if (!(faceWeight >= 0) || !(speechWeight >= 0) || !Double.isFinite(faceWeight) || !Double.isFinite(speechWeight)
                || faceWeight + speechWeight == 0) {
            throw new IllegalArgumentException("fusion weights must be finite, non-negative and not both 0, got "
                    + faceWeight + ", " + speechWeight);
        }
    }

    @Override
    public Prediction fuse(Prediction face, Prediction speech) {
        List<Emotion> shared = new ArrayList<>();
        for (Emotion e : face.labelOrder().emotions()) {
            if (speech.labelOrder().contains(e)) {
                shared.add(e);
            }
        }
        if (shared.size() < 2) {
            throw new IllegalArgumentException("the modalities share fewer than two emotions: " + face.labelOrder() + " / " + speech.labelOrder());
        }
        double faceNorm = 0;
        double speechNorm = 0;
        for (Emotion e : shared) {
            faceNorm += face.probability(e);
            speechNorm += speech.probability(e);
        }
        float[] logits = new float[shared.size()];
        for (int i = 0; i < logits.length; i++) {
            Emotion e = shared.get(i);
            logits[i] = (float) (faceWeight * safeLog(face.probability(e) / faceNorm) + speechWeight * safeLog(speech.probability(e) / speechNorm));
        }
        return Prediction.fromLogits(logits, LabelOrder.of("late-fusion", shared), EnumSet.of(Modality.SPEECH, Modality.VIDEO),
                face.valence().isPresent() ? face.valence().getAsDouble() : null,
                face.arousal().isPresent() ? face.arousal().getAsDouble() : null);
    }

    /** log, floored at 1e-30 so that one modality's certain "no" stays finite. */
    private static double safeLog(double p) {
        return Math.log(Math.max(p, 1e-30));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "late fusion %.2f x face + %.2f x speech (log-linear)", faceWeight, speechWeight);
    }
}
