package org.affect4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.affect4j.core.CheckpointException;
import org.affect4j.core.Clip;
import org.affect4j.core.Emotion;
import org.affect4j.testing.SharedData;
import org.affect4j.core.FaceResult;
import org.affect4j.core.VideoResult;
import org.junit.jupiter.api.Test;

class VideoDetectorTest {

    @Test
    void fluentVideoApiOnARealClip() {
        try (VideoDetector d = EmotionDetector.video()
                .faceDetector(SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml"))
                .emonetStride(15)
                .load(SharedData.require("reference/vision/multimodal_random.pkl"))) {
            VideoResult r = d.predict(Clip.of(SharedData.require("data/faces/video/lwbsza.mpg")));
            FaceResult f = r.mainFace();
            assertEquals(1, r.faces().size());
            double sum = 0;
            for (Emotion e : Emotion.values()) {
                sum += f.prediction().probability(e);
            }
            assertEquals(1.0, sum, 1e-9);
            assertTrue(f.framesWithFace() >= 60, "face frames " + f.framesWithFace());
            assertThrows(IllegalArgumentException.class, () -> d.predict(Clip.ofPcm(new float[10], 48_000, "pcm")));
        }
    }

    @Test
    void loadErrorsNameTheFile() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> EmotionDetector.video()
                .load(SharedData.require("reference/speech/cnn_transf_parallel_model.pt")));
        assertTrue(e.getMessage().contains("cnn_transf_parallel_model.pt"), e.getMessage());
    }
}
