package org.affect4j.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One emotion prediction: a probability per {@link Emotion}, the top emotion and its confidence, the raw
 * logits in the network's own {@link LabelOrder}, and which modalities contributed. Immutable and
 * thread-safe.
 */
public final class Prediction {

    private final Map<Emotion, Double> probabilities;
    private final Emotion top;
    private final float[] logits;
    private final LabelOrder labelOrder;
    private final Set<Modality> modalities;
    private final Double valence;
    private final Double arousal;
    /** The part of the clip that was scored; null when the producer does not say. */
    private final Span span;

    private Prediction(float[] logits, LabelOrder order, Set<Modality> modalities, Double valence, Double arousal) {
        this(logits, order, modalities, valence, arousal, null);
    }

    private Prediction(float[] logits, LabelOrder order, Set<Modality> modalities, Double valence, Double arousal, Span span) {
        this.span = span;
        this.logits = logits.clone();
        this.labelOrder = order;
        this.modalities = Collections.unmodifiableSet(EnumSet.copyOf(modalities));
        this.valence = valence;
        this.arousal = arousal;
        double[] p = softmax(this.logits);
        EnumMap<Emotion, Double> probs = new EnumMap<>(Emotion.class);
        int best = 0;
        for (int i = 0; i < p.length; i++) {
            probs.put(order.emotionAt(i), p[i]);
            if (p[i] > p[best]) {
                best = i;
            }
        }
        this.probabilities = Collections.unmodifiableMap(probs);
        this.top = order.emotionAt(best);
    }

    /**
     * Builds a prediction from a network's logits (softmax is applied here).
     *
     * @param logits     one logit per class, in {@code order}
     * @param order      the label order of the network that produced the logits
     * @param modalities the modalities that contributed (at least one)
     */
    public static Prediction fromLogits(float[] logits, LabelOrder order, Set<Modality> modalities) {
        return fromLogits(logits, order, modalities, null, null);
    }

    /** As {@link #fromLogits(float[], LabelOrder, Set)}, with EmoNet's valence and arousal (nullable). */
    public static Prediction fromLogits(float[] logits, LabelOrder order, Set<Modality> modalities,
                                        Double valence, Double arousal) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(modalities, "modalities");
        if (logits.length != order.size()) {
            throw new IllegalArgumentException("expected " + order.size() + " logits for " + order.name() + ", got " + logits.length);
        }
        if (modalities.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one contributing modality");
        }
        for (float v : logits) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("logits must be finite, got " + java.util.Arrays.toString(logits));
            }
        }
        return new Prediction(logits, order, modalities, valence, arousal);
    }

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The most probable emotion (first in label order on ties). */
    public Emotion emotion() {
        return top;
    }

    /** Probability of the top emotion. */
    public double confidence() {
        return probabilities.get(top);
    }

    /** The probability of {@code emotion}; 0 for an emotion the model has no output for (see {@link LabelOrder}). */
    public double probability(Emotion emotion) {
        return probabilities.getOrDefault(Objects.requireNonNull(emotion, "emotion"), 0.0);
    }

    /** Unmodifiable map over the model's emotions ({@link #labelOrder()}), iterated in {@link Emotion} order, summing to 1. */
    public Map<Emotion, Double> probabilities() {
        return probabilities;
    }

    /** A copy of the raw logits, in {@link #labelOrder()}. */
    public float[] logits() {
        return logits.clone();
    }

    /** The order of {@link #logits()}: which emotion each output is. */
    public LabelOrder labelOrder() {
        return labelOrder;
    }

    /** The modalities that contributed to this prediction. */
    public Set<Modality> modalities() {
        return modalities;
    }

    /** EmoNet's valence in [-1, 1] when a video model produced this prediction. */
    public OptionalDouble valence() {
        return valence == null ? OptionalDouble.empty() : OptionalDouble.of(valence);
    }

    /** EmoNet's arousal in [-1, 1] when a video model produced this prediction. */
    public OptionalDouble arousal() {
        return arousal == null ? OptionalDouble.empty() : OptionalDouble.of(arousal);
    }

    /**
     * The part of the clip this prediction scored (speech predictions: the analysed window, clipped to the clip's
     * end), when the producer records it. A clip longer than the window is only partly scored: compare
     * {@link Span#coversWholeClip()}, or use a timeline for the whole recording.
     */
    public java.util.Optional<Span> span() {
        return java.util.Optional.ofNullable(span);
    }

    /** This prediction with {@code span} recorded (null removes it). */
    public Prediction withSpan(Span span) {
        return new Prediction(logits, labelOrder, modalities, valence, arousal, span);
    }

    /** Equal logits, label order, modalities, valence and arousal; the {@link #span()} is provenance and not compared. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Prediction)) {
            return false;
        }
        Prediction p = (Prediction) o;
        return java.util.Arrays.equals(logits, p.logits) && labelOrder == p.labelOrder
                && modalities.equals(p.modalities) && Objects.equals(valence, p.valence) && Objects.equals(arousal, p.arousal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(logits), labelOrder, modalities, valence, arousal);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Prediction[%s %.3f, modalities=%s%s]", top.label(), confidence(), modalities,
                span == null ? "" : ", span=" + span);
    }
}
