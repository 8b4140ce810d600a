package org.affect4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.affect4j.audio.BundledSpeechModel;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.MediaException;
import org.affect4j.core.MissingReason;
import org.affect4j.core.Modality;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.nn.Logits;
import org.affect4j.fusion.ActionUnitFusion;
import org.affect4j.core.FusedFace;
import org.affect4j.core.MultimodalResult;
import org.affect4j.fusion.train.ActionUnitFusionCv;
import org.affect4j.testing.Close;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.au.ActionUnitTrack;
import org.affect4j.vision.au.ActionUnits;
import org.affect4j.vision.data.RavdessActionUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled action-unit fusion (fold 0 of {@code affect4j cv-au}): its recorded provenance, its test result re-measured
 * on actors 01–04 (which neither branch nor the fusion layer ever saw), and the user's road — a RAVDESS WAV and its
 * OpenFace CSV through {@code EmotionDetector.multimodal().actionUnits()}.
 */
class ActionUnitFusionTest {

    static final String CLIP = "01-01-01-01-01-01-01";

    static Path wav() {
        return SharedData.require("data/ravdess-speech/Actor_01/03-01-01-01-01-01-01.wav");
    }

    static Path csv() {
        return SharedData.require("data/faces/landmarks/" + CLIP + ".csv");
    }

    @Test
    void bundledModelNamesItsSpeechModelAndNeverSawTheTestActors() {
        ActionUnitFusion f = ActionUnitFusion.readBundled();
        assertEquals(BundledSpeechModel.SPEAKER_NORMALISED.id(), f.speechModel());
        assertEquals(ActionUnitFusion.sha256(BundledSpeechModel.SPEAKER_NORMALISED.resource()), f.meta().get(ActionUnitFusion.SPEECH_MODEL_SHA256));
        assertEquals(0, ((Number) f.meta().get("fold")).intValue());
        assertEquals("[1, 2, 3, 4]", f.meta().get("testActors"));
        for (String key : List.of("trainActors", "selectionActors")) {
            for (String a : ((String) f.meta().get(key)).replaceAll("[\\[\\] ]", "").split(",")) {
                assertTrue(Integer.parseInt(a) > 4, key + " holds test actor " + a);
            }
        }
    }

    /**
     * Re-measures the recorded fold-0 test: speech logits from the bundled speaker-normalised model (uncalibrated, as
     * at training time), action units from the RAVDESS features, on the 240 clips of actors 01–04. The action-unit and
     * late-fusion numbers depend on the speech logits only through float rounding, so a clip or two may flip on another
     * CPU: tolerance 2/240.
     */
    @Test
    void bundledModelScoresOnActors01To04WhatItRecords() {
        ActionUnitFusion f = ActionUnitFusion.readBundled();
        Map<?, ?> recorded = (Map<?, ?>) f.meta().get("testAccuracy");
        RavdessActionUnits features = RavdessActionUnits.read(SharedData.require("data/ravdess-au/au_mfcc.pkl"));
        List<Path> files = RavdessFiles.list(SharedData.require("data/ravdess-speech"), ".wav");
        assertEquals(240, files.size());
        int[] correct = new int[4];
        try (SpeechDetector d = EmotionDetector.speech().load(BundledSpeechModel.SPEAKER_NORMALISED)) {
            List<org.affect4j.core.Prediction> speech = d.predict(files.stream().map(Clip::of).toList());
            for (int i = 0; i < files.size(); i++) {
                RavdessFileName n = RavdessFileName.parse(files.get(i));
                float[] s = speech.get(i).logits();
                float[] a = f.branch().logits(features.of(n).orElseThrow());
                int truth = LabelOrder.SEED_SPEECH.indexOf(n.emotion());
                correct[0] += Logits.argmax(s) == truth ? 1 : 0;
                correct[1] += Logits.argmax(a) == truth ? 1 : 0;
                correct[2] += Logits.argmax(f.fuseLogits(a, s)) == truth ? 1 : 0;
                correct[3] += Logits.argmax(ActionUnitFusionCv.lateFusion(a, s)) == truth ? 1 : 0;
            }
        }
        String[] keys = {"speech", "actionUnits", "fused", "late"};
        for (int i = 0; i < 4; i++) {
            double want = ((Number) recorded.get(keys[i])).doubleValue();
            System.out.printf(Locale.ROOT, "bundled AU fusion, actors 01-04, %s: %d/240 = %.4f (recorded %.4f)%n", keys[i], correct[i],
                    correct[i] / 240.0, want);
            assertEquals(want * 240, correct[i], 2.0, keys[i]);
        }
        assertTrue(correct[2] > correct[0], "the fused model must beat speech alone on the test actors");
    }

    /** The docs quote the committed cross-validation summary (pooled fused and speech accuracy). */
    @Test
    void docsQuoteTheCommittedCrossValidation() throws IOException {
        String report = Files.readString(Path.of("..", "docs", "results", "cv-au-fusion", "cv-au-report.json"));
        String docs = Files.readString(Path.of("..", "docs", "multimodal.md"));
        for (String method : List.of("speech", "fused")) {
            int at = report.indexOf("\"" + method + "\":");
            String json = report.substring(report.indexOf("\"pooled\":", at) + "\"pooled\":".length());
            int depth = 0;
            int end = 0;
            for (int i = 0; i < json.length(); i++) {
                depth += json.charAt(i) == '{' ? 1 : json.charAt(i) == '}' ? -1 : 0;
                if (depth == 0) {
                    end = i + 1;
                    break;
                }
            }
            org.affect4j.core.eval.EvaluationReport pooled = org.affect4j.core.eval.EvaluationReport.fromJson(json.substring(0, end));
            String quoted = String.format(Locale.ROOT, "%.3f (%d/%d)", pooled.accuracy(), pooled.correct(), pooled.total());
            assertTrue(docs.contains(quoted), "docs/multimodal.md does not quote " + method + " " + quoted);
        }
    }

    @Test
    void wavAndOpenFaceCsvThroughTheDetector() {
        ActionUnitFusion f = ActionUnitFusion.readBundled();
        MultimodalResult r;
        try (MultimodalDetector d = EmotionDetector.multimodal().actionUnits().load()) {
            r = d.predict(Clip.of(wav()), csv());
            assertThrows(IllegalArgumentException.class, () -> d.predict(Clip.of(wav())));
            org.affect4j.core.timeline.TimelineSink none = new org.affect4j.core.timeline.JsonlTimelineWriter(new java.io.StringWriter());
            assertThrows(IllegalStateException.class, () -> d.timeline(wav(), 3.0, none, null), "no video timeline on the action-unit road");
            assertTrue(d.describe().contains("action units"), d.describe());
        }
        org.affect4j.core.Prediction speech;
        try (SpeechDetector s = EmotionDetector.speech().load(BundledSpeechModel.SPEAKER_NORMALISED)) {
            speech = s.predict(wav());
        }
        // the detector's speech is the bundled model's own prediction (same code, same samples)
        Close.assertClose(speech.logits(), r.speech().orElseThrow().logits(), Close.FLOAT_ORDER, "speech logits");
        assertEquals(1, r.faces().size());
        FusedFace face = r.faces().get(0);
        assertEquals(98, face.video().framesWithFace());
        assertEquals(0, face.video().framesNoFace());
        ActionUnits au = ActionUnitTrack.read(csv()).mean(0, 3.5);
        Close.assertClose(f.branch().logits(au), face.video().prediction().logits(), 0, "action-unit branch logits");
        Close.assertClose(f.fuseLogits(f.branch().logits(au), speech.logits()), face.fused().logits(), Close.FLOAT_ORDER, "fused logits");
        assertEquals(EnumSet.of(Modality.SPEECH, Modality.VIDEO), face.fused().modalities());
        assertEquals(EnumSet.of(Modality.VIDEO), face.video().prediction().modalities());
        // what the CSV's own OpenFace run changes against the training features of the same clip
        ActionUnits pickled = RavdessActionUnits.read(SharedData.require("data/ravdess-au/au_mfcc.pkl")).of(RavdessFileName.parse(CLIP)).orElseThrow();
        float[] fromPickle = f.fuseLogits(f.branch().logits(pickled), speech.logits());
        System.out.printf(Locale.ROOT, "clip %s: fused from the CSV %s (%.3f), from the pickled features %s (%.3f); truth neutral%n", CLIP,
                face.fused().emotion().label(), face.fused().confidence(),
                LabelOrder.SEED_SPEECH.emotionAt(Logits.argmax(fromPickle)).label(),
                org.affect4j.core.Prediction.fromLogits(fromPickle, LabelOrder.SEED_SPEECH, EnumSet.of(Modality.SPEECH)).confidence());
        assertEquals(LabelOrder.SEED_SPEECH.emotionAt(Logits.argmax(fromPickle)), face.fused().emotion());
    }

    @Test
    void silentAudioGivesTheActionUnitsAloneAndSaysWhy(@TempDir Path tmp) throws IOException {
        Path silent = tmp.resolve("silent.wav");
        org.affect4j.testing.TestMedia.silentWav(silent, 48000, 4.0);
        try (MultimodalDetector d = EmotionDetector.multimodal().actionUnits().load()) {
            MultimodalResult r = d.predict(Clip.of(silent), csv());
            assertTrue(r.speech().isEmpty());
            assertEquals(Optional.of(MissingReason.SILENT_AUDIO), r.speechMissing());
            assertEquals(EnumSet.of(Modality.VIDEO), r.faces().get(0).fused().modalities());
            assertEquals(r.faces().get(0).video().prediction(), r.faces().get(0).fused());
        }
    }

    @Test
    void csvWithoutActionUnitsIsRefusedNamingTheFile(@TempDir Path tmp) throws IOException {
        List<String> lines = Files.readAllLines(csv());
        // drop the last column (AU45_c)
        List<String> cut = lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
        Path bad = tmp.resolve("no-au45.csv");
        Files.write(bad, cut);
        try (MultimodalDetector d = EmotionDetector.multimodal().actionUnits().load()) {
            MediaException e = assertThrows(MediaException.class, () -> d.predict(Clip.of(wav()), bad));
            assertTrue(e.getMessage().contains("no-au45.csv") && e.getMessage().contains("AU45_c"), e.getMessage());
        }
    }

    @Test
    void rawOpenFaceOutputBesideAVideoWithSound() {
        Path video = SharedData.require("data/faces/video/bbaf2n.mpg");
        Path raw = SharedData.require("data/faces/landmarks/extra/OpenFace_Test_pyfeat.csv");
        ActionUnitTrack t = ActionUnitTrack.read(raw);
        assertEquals(100, t.frames().size());
        try (MultimodalDetector d = EmotionDetector.multimodal().actionUnits().load()) {
            MultimodalResult r = d.predict(Clip.of(video), raw);
            assertTrue(r.speech().isPresent(), "speech from the video's sound track: " + r.speechMissing());
            long tracked = t.frames().stream().filter(ActionUnitTrack.Frame::success).count();
            assertEquals(tracked, r.faces().get(0).video().framesWithFace());
            assertEquals(EnumSet.of(Modality.SPEECH, Modality.VIDEO), r.faces().get(0).fused().modalities());
        }
    }

    @Test
    void foreignArchivesAreRefused(@TempDir Path tmp) {
        ActionUnitFusion f = ActionUnitFusion.readBundled();
        Path other = tmp.resolve("other-speech.zip");
        f.withMeta(ActionUnitFusion.SPEECH_MODEL, "no-such-model").toArchive().write(other);
        CheckpointException e = assertThrows(CheckpointException.class, () -> EmotionDetector.multimodal().actionUnits(other).load());
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
        Path sha = tmp.resolve("other-sha.zip");
        f.withMeta(ActionUnitFusion.SPEECH_MODEL_SHA256, "00").toArchive().write(sha);
        assertTrue(assertThrows(CheckpointException.class, () -> EmotionDetector.multimodal().actionUnits(sha).load()).getMessage()
                .contains("sha256"));
        Path speech = tmp.resolve("speech.zip");
        BundledSpeechModel.SEED_RECIPE.read().write(speech);
        assertThrows(CheckpointException.class, () -> ActionUnitFusion.read(speech));
        Map<String, Object> meta = new LinkedHashMap<>(f.toArchive().meta());
        meta.put("labelOrder", "emonet");
        Path order = tmp.resolve("order.zip");
        ModelArchive.of(meta, f.toArchive().tensors()).write(order);
        assertThrows(CheckpointException.class, () -> ActionUnitFusion.read(order));
    }
}
