package org.affect4j.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps the index of a network output (logit) to an {@link Emotion}. The seed project uses two orders:
 * <ul>
 *   <li>{@link #SEED_SPEECH} for the speech and fusion networks: 0 surprised, 1 neutral, 2 calm, 3 happy,
 *       4 sad, 5 angry, 6 fearful, 7 disgust (RAVDESS code, with 8 written as 0);</li>
 *   <li>{@link #EMONET} for EmoNet and EmoNet-LSTM: 0 neutral, 1 happy, 2 sad, 3 surprised, 4 fearful,
 *       5 disgust, 6 angry, 7 calm.</li>
 * </ul>
 * A model may know fewer than the eight emotions (the face-expression nets have no "calm"): its order then lists
 * only the ones it has, and {@link Prediction#probability(Emotion)} is 0 for the others. Immutable.
 */
public final class LabelOrder {

    /** The seed speech model's outputs (its training code's class order, surprised first). */
    public static final LabelOrder SEED_SPEECH = new LabelOrder("seed-speech", List.of(
            Emotion.SURPRISED, Emotion.NEUTRAL, Emotion.CALM, Emotion.HAPPY,
            Emotion.SAD, Emotion.ANGRY, Emotion.FEARFUL, Emotion.DISGUST));

    /** EmoNet's eight expressions, then calm (the seed's video model). */
    public static final LabelOrder EMONET = new LabelOrder("emonet", List.of(
            Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.SURPRISED,
            Emotion.FEARFUL, Emotion.DISGUST, Emotion.ANGRY, Emotion.CALM));

    private final String name;
    private final List<Emotion> byIndex;
    private final Map<Emotion, Integer> indexOf;

    private LabelOrder(String name, List<Emotion> byIndex) {
        this.name = name;
        this.byIndex = List.copyOf(byIndex);
        EnumMap<Emotion, Integer> idx = new EnumMap<>(Emotion.class);
        for (int i = 0; i < byIndex.size(); i++) {
            if (idx.put(byIndex.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate emotion " + byIndex.get(i) + " in label order " + name);
            }
        }
        if (idx.size() < 2) {
            throw new IllegalArgumentException("label order " + name + " needs at least two emotions");
        }
        this.indexOf = idx;
    }

    /** A custom order: {@code byIndex.get(i)} is the emotion of output {@code i}; each emotion at most once, at least two. */
    public static LabelOrder of(String name, List<Emotion> byIndex) {
        return new LabelOrder(Objects.requireNonNull(name, "name"), Objects.requireNonNull(byIndex, "byIndex"));
    }

    /** The order's name, as stored in model archives. */
    public String name() {
        return name;
    }

    /** The number of outputs (emotions) of a model with this order. */
    public int size() {
        return byIndex.size();
    }

    /** The emotion of output {@code index}. @throws IndexOutOfBoundsException outside {@code 0..size()-1} */
    public Emotion emotionAt(int index) {
        if (index < 0 || index >= byIndex.size()) {
            throw new IndexOutOfBoundsException("label index " + index + " outside 0.." + (byIndex.size() - 1) + " of " + name);
        }
        return byIndex.get(index);
    }

    /** @throws IllegalArgumentException if this order does not have {@code emotion} (see {@link #contains}) */
    public int indexOf(Emotion emotion) {
        Integer i = indexOf.get(Objects.requireNonNull(emotion, "emotion"));
        if (i == null) {
            throw new IllegalArgumentException(emotion + " is not one of " + name + "'s labels " + byIndex);
        }
        return i;
    }

    /** Whether a model with this order can answer {@code emotion}. */
    public boolean contains(Emotion emotion) {
        return indexOf.containsKey(Objects.requireNonNull(emotion, "emotion"));
    }

    /** True when every one of the eight emotions has an output. */
    public boolean coversAll() {
        return indexOf.size() == Emotion.values().length;
    }

    /** Emotions in output order. */
    public List<Emotion> emotions() {
        return byIndex;
    }

    @Override
    public String toString() {
        return "LabelOrder[" + name + ": " + byIndex + "]";
    }
}
