package org.affect4j.core.emodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.affect4j.core.Emotion;
import org.affect4j.core.eval.LabelledFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmoDbFileNameTest {

    @Test
    void parsesSpeakerTextEmotionAndVersion() {
        EmoDbFileName n = EmoDbFileName.parse(Path.of("wav/03a01Fa.wav"));
        assertEquals(3, n.speaker());
        assertEquals("a01", n.text());
        assertEquals('F', n.emotionCode());
        assertEquals('a', n.version());
        assertEquals(Optional.of(Emotion.HAPPY), n.emotion());
        assertFalse(n.isFemale());
        assertTrue(EmoDbFileName.parse("16b10Td.wav").isFemale());
        // the German initials: Ärger, Ekel, Angst, Freude, Trauer, neutral; Langeweile (boredom) has no RAVDESS class
        assertEquals(Optional.of(Emotion.ANGRY), EmoDbFileName.parse("08a01Wa.wav").emotion());
        assertEquals(Optional.of(Emotion.DISGUST), EmoDbFileName.parse("08a01Ea.wav").emotion());
        assertEquals(Optional.of(Emotion.FEARFUL), EmoDbFileName.parse("08a01Aa.wav").emotion());
        assertEquals(Optional.of(Emotion.SAD), EmoDbFileName.parse("08a01Ta.wav").emotion());
        assertEquals(Optional.of(Emotion.NEUTRAL), EmoDbFileName.parse("08a01Na.wav").emotion());
        assertEquals(Optional.empty(), EmoDbFileName.parse("08a01La.wav").emotion());
    }

    @Test
    void namesTheFileAndWhatDoesNotParse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmoDbFileName.parse("04a01Fa.wav"));
        assertTrue(e.getMessage().contains("04a01Fa.wav") && e.getMessage().contains("speaker"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EmoDbFileName.parse("03a01Xa.wav"));
        assertTrue(e.getMessage().contains("03a01Xa.wav"), e.getMessage());
        assertFalse(EmoDbFileName.isEmoDbName("03-01-05-01-01-01-01.wav"));
        e = assertThrows(IllegalArgumentException.class, () -> LabelledFile.ofEmoDb(Path.of("03a01La.wav")));
        assertTrue(e.getMessage().contains("03a01La.wav") && e.getMessage().contains("boredom"), e.getMessage());
    }

    @Test
    void listsEmoDbWavsAndLeavesOutBoredomWhenAsked(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("wav"));
        for (String f : List.of("wav/03a01Fa.wav", "wav/03a01La.wav", "wav/10b02Wb.wav", "wav/notes.txt", "wav/03a01Fa.mp3",
                "03-01-05-01-01-01-01.wav")) {
            Files.writeString(dir.resolve(f), "x");
        }
        assertEquals(List.of("03a01Fa.wav", "03a01La.wav", "10b02Wb.wav"),
                EmoDbFiles.list(dir).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of("03a01Fa.wav", "10b02Wb.wav"),
                EmoDbFiles.listWithRavdessEmotion(dir).stream().map(p -> p.getFileName().toString()).toList());
        LabelledFile l = LabelledFile.ofEmoDb(dir.resolve("wav/10b02Wb.wav"));
        assertEquals(Emotion.ANGRY, l.truth());
        assertEquals(10, l.speaker());
        assertEquals(-1, l.intensity());
    }
}
