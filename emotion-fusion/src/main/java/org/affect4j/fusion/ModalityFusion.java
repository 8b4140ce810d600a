package org.affect4j.fusion;

import java.util.Objects;
import org.affect4j.core.Prediction;
import org.affect4j.fusion.net.FusionNet;

/**
 * How one face's video prediction and the window's speech prediction become one: the seed's trained fusion layer
 * ({@link #trained(FusionNet)}) or a {@link LateFusion} without training. Implementations are immutable and
 * thread-safe.
 */
public interface ModalityFusion {

    /** The fused prediction (modalities SPEECH and VIDEO). */
    Prediction fuse(Prediction face, Prediction speech);

    /** A short description for logs and results ("seed fusion layer", "late fusion 1.0·face + 1.0·speech"). */
    String describe();

    /** The seed's fusion layer: both networks' logits concatenated, one linear layer (logits in the seed's speech order). */
    static ModalityFusion trained(FusionNet net) {
        Objects.requireNonNull(net, "net");
        return new ModalityFusion() {
            @Override
            public Prediction fuse(Prediction face, Prediction speech) {
                float[] logits = net.fuse(face.logits(), speech.logits());
                return Prediction.fromLogits(logits, org.affect4j.core.LabelOrder.SEED_SPEECH,
                        java.util.EnumSet.of(org.affect4j.core.Modality.SPEECH, org.affect4j.core.Modality.VIDEO),
                        face.valence().isPresent() ? face.valence().getAsDouble() : null,
                        face.arousal().isPresent() ? face.arousal().getAsDouble() : null);
            }

            @Override
            public String describe() {
                return "seed fusion layer";
            }
        };
    }
}
