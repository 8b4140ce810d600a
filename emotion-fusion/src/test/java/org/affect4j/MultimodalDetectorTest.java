package org.affect4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.MediaException;
import org.affect4j.core.MissingReason;
import org.affect4j.core.Modality;
import org.affect4j.core.FusedFace;
import org.affect4j.core.MultimodalResult;
import org.affect4j.testing.SharedData;
import org.affect4j.testing.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multimodal road on real media, random fusion weights from the shared fixtures, EmoNet every 15th frame. */
class MultimodalDetectorTest {

    static MultimodalDetector detector;

    @BeforeAll
    static void load() {
        detector = EmotionDetector.multimodal()
                .faceDetector(SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml"))
                .emonetStride(15)
                .load(SharedData.require("reference/vision/multimodal_random.pkl"),
                        SharedData.require("reference/speech/speech_data_scaler.pkl"));
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void talkingClipFusesSpeechAndVideoPerFace() {
        MultimodalResult r = detector.predict(Clip.of(SharedData.require("data/faces/video/bbaf2n.mpg")));
        System.out.printf("bbaf2n multimodal: speech %s, faces %d, fused %s, real %.2f s%n", r.speech(), r.faces().size(),
                r.faces().isEmpty() ? "-" : r.faces().get(0).fused(), r.realSeconds());
        assertTrue(r.speech().isPresent(), "the GRID clip has speech: " + r.speechMissing());
        assertEquals(1, r.faces().size());
        FusedFace f = r.faces().get(0);
        assertEquals(Set.of(Modality.SPEECH, Modality.VIDEO), f.fused().modalities());
        assertEquals(LabelOrder.SEED_SPEECH, f.fused().labelOrder());
        assertEquals(2.5, r.realSeconds(), 0.05, "a 3.0 s clip leaves 2.5 s after the 0.5 s offset");
        assertTrue(!r.coversLessThanMedia(), "the whole 3 s clip is covered");
    }

    @Test
    void referenceGraphEngineGivesTheSameFusedPrediction() {
        Clip clip = Clip.of(SharedData.require("data/faces/video/bbaf2n.mpg"));
        float[] eager = detector.predict(clip).faces().get(0).fused().logits();
        try (MultimodalDetector graph = EmotionDetector.multimodal()
                .faceDetector(SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml"))
                .emonetStride(15)
                .engine(org.affect4j.core.nn.InferenceEngine.SAMEDIFF)
                .load(SharedData.require("reference/vision/multimodal_random.pkl"),
                        SharedData.require("reference/speech/speech_data_scaler.pkl"))) {
            float[] reference = graph.predict(clip).faces().get(0).fused().logits();
            double err = 0;
            for (int i = 0; i < eager.length; i++) {
                err = Math.max(err, Math.abs(eager[i] - reference[i]));
            }
            System.out.printf("fused logits, eager vs SameDiff engines: max |diff| = %.3g%n", err);
            assertTrue(err < 1e-4, "engines differ by " + err);
        }
    }

    @Test
    void silentAudioFallsBackToVideoAndSaysSo() {
        MultimodalResult r = detector.predict(Clip.of(SharedData.require("data/faces/video/extra/WolfgangLanger_Pexels.mp4")));
        assertTrue(r.speech().isEmpty());
        assertEquals(Optional.of(MissingReason.SILENT_AUDIO), r.speechMissing());
        assertEquals(Set.of(Modality.VIDEO), r.faces().get(0).fused().modalities());
        assertEquals(LabelOrder.EMONET, r.faces().get(0).fused().labelOrder(), "video-only fallback is the video model's own prediction");
        assertTrue(r.coversLessThanMedia(), "a 19.7 s clip is longer than the analysed window: " + r.mediaSeconds());
    }

    @Test
    void noFaceFallsBackToSpeechAndNeitherIsAnError(@TempDir Path tmp) throws Exception {
        Path tone = TestMedia.blackVideo(tmp.resolve("tone.mp4"), 4, true);
        MultimodalResult r = detector.predict(Clip.of(tone));
        assertTrue(r.faces().isEmpty());
        assertEquals(Set.of(Modality.SPEECH), r.predictions().get(0).modalities());
        Path mute = TestMedia.blackVideo(tmp.resolve("mute.mp4"), 4, false);
        MediaException e = assertThrows(MediaException.class, () -> detector.predict(Clip.of(mute)));
        assertTrue(e.getMessage().contains("mute.mp4") && e.getMessage().contains("no audio track"), e.getMessage());
    }
}
