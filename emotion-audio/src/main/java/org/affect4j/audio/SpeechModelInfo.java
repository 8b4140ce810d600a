package org.affect4j.audio;

import java.util.List;
import java.util.Objects;
import org.affect4j.audio.features.MelConfig;
import org.affect4j.audio.features.SpeechWindow;
import org.affect4j.audio.features.WindowPlacement;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.nn.InferenceEngine;

/**
 * What a loaded {@link SpeechDetector} runs ({@link SpeechDetector#info()}), as values: the model's internals stay
 * inside the detector. Immutable.
 *
 * @param labelOrder        the order of the model's outputs
 * @param window            the analysed window (offset, length, rate) with {@link WindowPlacement#FIXED}
 * @param windowOffsets     where each averaged window starts (one entry: the window's own offset)
 * @param placement         how the window is placed in a clip
 * @param frontEnd          the features' front end (the seed's mel, telephone band, or the utterance statistics' 8 kHz)
 * @param utterance         whether the model reads whole-utterance statistics (the default model) rather than a log-mel
 *                          spectrogram
 * @param speakerNormalised whether the model was trained on speaker-normalised input (use it through
 *                          {@link SpeechDetector#forSpeaker})
 * @param engine            how the network is executed
 */
public record SpeechModelInfo(LabelOrder labelOrder, SpeechWindow window, List<Double> windowOffsets, WindowPlacement placement,
                              MelConfig frontEnd, boolean utterance, boolean speakerNormalised, InferenceEngine engine) {

    /** Copies {@code windowOffsets}. @throws NullPointerException if a component is null */
    public SpeechModelInfo {
        Objects.requireNonNull(labelOrder, "labelOrder");
        Objects.requireNonNull(window, "window");
        windowOffsets = List.copyOf(windowOffsets);
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(frontEnd, "frontEnd");
        Objects.requireNonNull(engine, "engine");
    }
}
