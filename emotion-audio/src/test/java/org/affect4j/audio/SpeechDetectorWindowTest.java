package org.affect4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.affect4j.audio.features.SpeechWindow;
import org.affect4j.core.checkpoint.ModelArchive;
import org.junit.jupiter.api.Test;

/** The detector analyses the window its model archive declares (one {@link SpeechWindow}, read from the archive). */
class SpeechDetectorWindowTest {

    @Test
    void bundledDetectorAnalysesTheArchivesWindow() {
        ModelArchive archive = SpeechModelArchive.readDefault();
        double offset = ((Number) archive.meta().get("offsetSeconds")).doubleValue();
        double seconds = ((Number) archive.meta().get("windowSeconds")).doubleValue();
        try (SpeechDetector d = SpeechDetector.builder().load()) {
            System.out.println("bundled speech model window: " + d.window() + " (archive: " + seconds + " s from " + offset + " s)");
            assertEquals(offset, d.window().offsetSeconds());
            assertEquals(seconds, d.window().seconds());
        }
        try (SpeechDetector d = SpeechDetector.builder().offsetSeconds(1.5).load()) {
            assertEquals(1.5, d.window().offsetSeconds(), "the builder's offset overrides the archive's");
            assertEquals(seconds, d.window().seconds(), "the length stays the model's");
        }
    }
}
