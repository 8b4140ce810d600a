package org.affect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelOrderTest {

    @Test
    void seedSpeechOrderMatchesTheSeedsIndices() {
        // seed: 1 neutral, 2 calm, 3 happy, 4 sad, 5 angry, 6 fear, 7 disgust, 0 surprise
        LabelOrder o = LabelOrder.SEED_SPEECH;
        assertEquals(Emotion.SURPRISED, o.emotionAt(0));
        assertEquals(Emotion.NEUTRAL, o.emotionAt(1));
        assertEquals(Emotion.CALM, o.emotionAt(2));
        assertEquals(Emotion.HAPPY, o.emotionAt(3));
        assertEquals(Emotion.SAD, o.emotionAt(4));
        assertEquals(Emotion.ANGRY, o.emotionAt(5));
        assertEquals(Emotion.FEARFUL, o.emotionAt(6));
        assertEquals(Emotion.DISGUST, o.emotionAt(7));
        for (Emotion e : Emotion.values()) {
            assertEquals(e.ravdessCode() % 8, o.indexOf(e), "seed index is the RAVDESS code with 8 -> 0");
        }
    }

    @Test
    void emonetOrderMatchesEmoNet() {
        LabelOrder o = LabelOrder.EMONET;
        List<Emotion> expected = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.SURPRISED,
                Emotion.FEARFUL, Emotion.DISGUST, Emotion.ANGRY, Emotion.CALM);
        assertEquals(expected, o.emotions());
        assertEquals(6, o.indexOf(Emotion.ANGRY));
        assertEquals(7, o.indexOf(Emotion.CALM));
    }

    @Test
    void rejectsIncompleteOrDuplicateOrdersAndBadIndices() {
        assertThrows(IllegalArgumentException.class, () -> LabelOrder.of("x", List.of(Emotion.CALM)));
        assertThrows(IllegalArgumentException.class, () -> LabelOrder.of("x", List.of(Emotion.CALM, Emotion.CALM,
                Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY, Emotion.FEARFUL, Emotion.DISGUST, Emotion.SURPRISED)));
        assertThrows(IndexOutOfBoundsException.class, () -> LabelOrder.EMONET.emotionAt(8));
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromRavdessCode(9));
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromRavdessCode(0));
    }
}
