package org.affect4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.audio.train.SpeechEvaluation;
import org.affect4j.audio.features.SpeakerCalibration;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Prediction;
import org.affect4j.core.SilentAudioException;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechDetectorTest {

    static Path checkpoint() {
        return SharedData.require("reference/speech/cnn_transf_parallel_model.pt");
    }

    static Path scaler() {
        return SharedData.require("reference/speech/speech_data_scaler.pkl");
    }

    /** seed_logits.csv: file name → the seed pipeline's predicted index (seed label order). */
    static Map<String, Integer> seedPredictions() throws IOException {
        Map<String, Integer> m = new HashMap<>();
        List<String> lines = Files.readAllLines(SharedData.require("reference/speech/seed_logits.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            m.put(f[0], Integer.parseInt(f[3]));
        }
        return m;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(org.affect4j.core.nn.InferenceEngine.class)
    void predictionsOnTheSharedSubsetAgreeWithTheSeedPipeline(org.affect4j.core.nn.InferenceEngine engine) throws IOException {
        Map<String, Integer> seed = seedPredictions();
        List<Path> files = RavdessFiles.list(SharedData.require("data/ravdess-speech"), ".wav");
        assertEquals(240, files.size(), "shared subset = actors 01-04");
        try (SpeechDetector d = EmotionDetector.speech().engine(engine).load(checkpoint(), scaler())) {
            assertEquals(engine, d.info().engine());
            SpeechEvaluation ev = SpeechEvaluation.run(d, files, 32, null);
            int agree = 0;
            for (SpeechEvaluation.Item it : ev.items()) {
                int ours = LabelOrder.SEED_SPEECH.indexOf(it.prediction().emotion());
                agree += ours == seed.get(it.file().getFileName().toString()) ? 1 : 0;
            }
            double rate = agree / (double) files.size();
            System.out.printf("%s engine: agreement with seed_logits.csv on %d files: %d = %.4f; accuracy %s%n", engine, files.size(), agree, rate,
                    ev.report().format().lines().findFirst().orElse(""));
            assertTrue(rate >= 0.995, "agreement " + rate + " < 0.995");
        }
    }

    @Test
    void windowOffsetsReachTheModelAndDoNotCombineWithOffsetSeconds() {
        try (SpeechDetector d = EmotionDetector.speech().windowOffsets(0.3, 0.5, 0.7).load(checkpoint(), scaler())) {
            assertEquals(List.of(0.3, 0.5, 0.7), d.info().windowOffsets());
        }
        try (SpeechDetector d = EmotionDetector.speech().windowOffsets(0.25, 0.75).load()) {
            assertEquals(List.of(0.25, 0.75), d.info().windowOffsets());
        }
        IllegalStateException both = assertThrows(IllegalStateException.class,
                () -> EmotionDetector.speech().offsetSeconds(0.2).windowOffsets(0.3, 0.5).load());
        assertTrue(both.getMessage().contains("offsetSeconds and windowOffsets"), both.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> EmotionDetector.speech().windowOffsets(0.5, 0.5).load(checkpoint(), scaler()));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmotionDetector.speech().windowOffsets());
    }

    @Test
    void speakerCalibrationIsAViewThatSharesTheNetworkAndNamesSilentClips() {
        List<Path> actor = RavdessFiles.list(SharedData.require("data/ravdess-speech/Actor_02"), ".wav");
        List<Clip> calibration = actor.subList(0, 8).stream().map(Clip::of).toList();
        Path probe = actor.get(30);
        SpeechDetector view;
        try (SpeechDetector d = EmotionDetector.speech().load()) {
            // the default (utterance) model normalises each clip itself: calibration is refused, naming why
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> d.forSpeaker(calibration));
            assertTrue(refused.getMessage().contains("utterance statistics"), refused.getMessage());
        }
        try (SpeechDetector d = EmotionDetector.speech().load(org.affect4j.audio.BundledSpeechModel.SEED_RECIPE)) {
            assertTrue(d.calibration().isEmpty(), "no calibration unless asked (the seed's pipeline)");
            view = d.forSpeaker(calibration);
            SpeakerCalibration c = view.calibration().orElseThrow();
            assertEquals(8, c.clips());
            org.junit.jupiter.api.Assertions.assertArrayEquals(d.fitCalibration(calibration).offsetsDb(), c.offsetsDb(), 0);
            Prediction plain = d.predict(probe);
            Prediction calibrated = view.predict(probe);
            assertTrue(!java.util.Arrays.equals(plain.logits(), calibrated.logits()), "calibration reaches the network's input");
            try (SpeechDetector zero = d.withCalibration(SpeakerCalibration.ofOffsets(new double[128], 1))) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(plain.logits(), zero.predict(probe).logits(), 0f,
                        "zero offsets are the uncalibrated pipeline");
            }
            view.close();
            assertEquals(plain, d.predict(probe), "closing a view leaves the detector working");
            assertEquals(calibrated, view.predict(probe), "a closed view still works while its detector is open");

            SilentAudioException silent = assertThrows(SilentAudioException.class,
                    () -> d.forSpeaker(List.of(Clip.ofPcm(new float[4 * 48_000], 48_000, "quiet-take"))));
            assertTrue(silent.getMessage().contains("quiet-take"), silent.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.forSpeaker(List.of()));
        }
        assertThrows(IllegalStateException.class, () -> view.predict(probe), "the view dies with its detector");
    }

    @Test
    void loadsTheSpeechPartOfTheSeedsMultimodalCheckpoint() {
        Path multimodal = SharedData.require("reference/vision/multimodal_random.pkl");
        try (SpeechDetector d = EmotionDetector.speech().load(multimodal, scaler())) {
            Prediction p = d.predict(Clip.of(SharedData.require("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav")));
            assertEquals(8, p.probabilities().size());
        }
    }

    @Test
    void loadErrorsNameTheFile(@TempDir Path tmp) throws IOException {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> EmotionDetector.speech().load(tmp.resolve("missing.pt"), scaler()));
        assertTrue(e.getMessage().contains("missing.pt"), e.getMessage());
        // a scaler pickle is not a checkpoint, and a checkpoint is not a scaler
        e = assertThrows(CheckpointException.class, () -> EmotionDetector.speech().load(scaler(), scaler()));
        assertTrue(e.getMessage().contains("speech_data_scaler.pkl"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> EmotionDetector.speech().load(checkpoint(), checkpoint()));
        assertTrue(e.getMessage().contains("cnn_transf_parallel_model.pt"), e.getMessage());
        // a checkpoint of another network fails strict loading
        assertThrows(IllegalArgumentException.class, () -> EmotionDetector.speech().maxBatch(0));
    }
}
