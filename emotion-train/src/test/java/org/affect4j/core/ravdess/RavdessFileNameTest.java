package org.affect4j.core.ravdess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.affect4j.core.Emotion;
import org.junit.jupiter.api.Test;

class RavdessFileNameTest {

    @Test
    void parsesAllSevenFields() {
        RavdessFileName n = RavdessFileName.parse(Path.of("Actor_12/03-01-06-02-01-02-12.wav"));
        assertEquals(3, n.modality());
        assertEquals(1, n.vocalChannel());
        assertEquals(Emotion.FEARFUL, n.emotion());
        assertEquals(2, n.intensity());
        assertEquals(1, n.statement());
        assertEquals(2, n.repetition());
        assertEquals(12, n.actor());
        assertTrue(n.isFemale());
        assertEquals(Emotion.SURPRISED, RavdessFileName.parse("01-01-08-01-01-01-01.mp4").emotion());
        assertFalse(RavdessFileName.parse("02-01-01-01-01-01-01").isFemale());
    }

    @Test
    void namesTheFileAndTheFieldThatDoesNotParse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RavdessFileName.parse("03-01-09-01-01-01-01.wav"));
        assertTrue(e.getMessage().contains("03-01-09-01-01-01-01.wav") && e.getMessage().contains("emotion"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RavdessFileName.parse("03-01-01-01-01-01-25.wav"));
        assertTrue(e.getMessage().contains("actor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RavdessFileName.parse("hello.wav"));
        assertTrue(e.getMessage().contains("hello.wav"), e.getMessage());
        assertFalse(RavdessFileName.isRavdessName("03-01-01-01-01-01.wav"));
    }
}
