package org.affect4j.vision.au;

import org.affect4j.vision.train.ActionUnitTrainingTask;
import org.affect4j.vision.data.RavdessActionUnits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.affect4j.core.MediaException;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.train.EpochRecord;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.core.train.TrainingListener;
import org.affect4j.testing.Close;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The action-unit branch: training on real RAVDESS features, and the plain-Java inference against the training graph. */
class ActionUnitBranchTest {

    /** Actors 5–8 for training, 21–22 for validation: a few epochs on real features must lower the loss. */
    static List<ActionUnitTrainingTask.Example> examples(RavdessActionUnits f, int from, int to) {
        List<ActionUnitTrainingTask.Example> out = new ArrayList<>();
        for (int actor = from; actor <= to; actor++) {
            for (int e = 1; e <= 8; e++) {
                for (int i = 1; i <= (e == 1 ? 1 : 2); i++) {
                    for (int s = 1; s <= 2; s++) {
                        for (int r = 1; r <= 2; r++) {
                            String name = String.format("03-01-%02d-%02d-%02d-%02d-%02d.wav", e, i, s, r, actor);
                            RavdessFileName n = RavdessFileName.parse(name);
                            out.add(new ActionUnitTrainingTask.Example(name, f.of(n).orElseThrow(), n.emotion()));
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void trainsOnRealFeaturesAndJavaInferenceMatchesTheGraph(@TempDir Path work) {
        RavdessActionUnits f = RavdessActionUnits.read(SharedData.require("data/ravdess-au/au_mfcc.pkl"));
        List<ActionUnitTrainingTask.Example> train = examples(f, 5, 8);
        List<ActionUnitTrainingTask.Example> val = examples(f, 21, 22);
        for (int hidden : new int[] {0, 16}) {
            ActionUnitTrainingTask task = new ActionUnitTrainingTask(train, val, hidden, 7, Map.of());
            List<EpochRecord> epochs = new ArrayList<>();
            Trainer.Result r = new Trainer(new TrainerConfig(5, 16, 1e-2, 0, 0.5, 5, 0, 7), work.resolve("h" + hidden), new TrainingListener() {
                @Override
                public void epoch(EpochRecord record) {
                    epochs.add(record);
                }
            }).fit(task);
            assertEquals(5, epochs.size());
            double first = epochs.get(0).trainLoss();
            double last = epochs.get(epochs.size() - 1).trainLoss();
            System.out.printf("AU branch hidden %d: train loss %.4f -> %.4f, best val acc %.3f%n", hidden, first, last, r.bestValAccuracy());
            assertTrue(last < first, "training loss must fall: " + first + " -> " + last);
            assertTrue(r.bestValAccuracy() > 0.25, "validation accuracy " + r.bestValAccuracy() + " (chance 0.125)");

            // the plain-Java classifier computes what the trained graph computes
            ActionUnitClassifier c = ActionUnitClassifier.fromArchive(task.export(Map.of()));
            assertEquals(hidden, c.hidden());
            float[] x = c.standardise(val.get(3).actionUnits());
            try (INDArray in = Nd4j.create(x, new long[] {1, ActionUnits.COUNT}, 'c')) {
                float[] graph = task.graph().output(Map.of(ActionUnitNet.INPUT, in), ActionUnitNet.LOGITS).get(ActionUnitNet.LOGITS).toFloatVector();
                Close.assertClose(graph, c.logits(val.get(3).actionUnits()), Close.FLOAT_ORDER, "Java vs graph logits, hidden " + hidden);
            }
            // archive round trip: the same tensors, so the same logits exactly
            ActionUnitClassifier back = ActionUnitClassifier.fromArchive(ModelArchive.of(Map.of(), c.tensors()));
            Close.assertClose(c.logits(val.get(0).actionUnits()), back.logits(val.get(0).actionUnits()), 0, "round trip");
            // a hostile archive: a zero scale would turn every logit into NaN or infinity
            Map<String, ModelArchive.Tensor> bad = new java.util.LinkedHashMap<>(c.tensors());
            bad.put(ActionUnitClassifier.PREFIX + "scaler.scale", ModelArchive.Tensor.of(new double[ActionUnits.COUNT], ActionUnits.COUNT));
            assertThrows(org.affect4j.core.CheckpointException.class, () -> ActionUnitClassifier.fromArchive(ModelArchive.of(Map.of(), bad)));
        }
    }

    @Test
    void malformedCsvsAreRefusedNamingFileAndLine(@TempDir Path tmp) throws IOException {
        Path good = SharedData.require("data/faces/landmarks/01-01-01-01-01-01-01.csv");
        List<String> lines = Files.readAllLines(good);
        List<String> nan = new ArrayList<>(lines);
        nan.set(5, nan.get(5).substring(0, nan.get(5).lastIndexOf(',') + 1) + "nan");
        Path bad = tmp.resolve("nan.csv");
        Files.write(bad, nan);
        MediaException e = assertThrows(MediaException.class, () -> ActionUnitTrack.read(bad));
        assertTrue(e.getMessage().contains("nan.csv") && e.getMessage().contains("line 6"), e.getMessage());
        Path header = tmp.resolve("header-only.csv");
        Files.write(header, lines.subList(0, 1));
        assertTrue(assertThrows(MediaException.class, () -> ActionUnitTrack.read(header)).getMessage().contains("no frames"));
        ActionUnitTrack t = ActionUnitTrack.read(good);
        assertTrue(assertThrows(MediaException.class, () -> t.mean(10, 20)).getMessage().contains("no tracked face frame"));
        assertThrows(MediaException.class, () -> ActionUnitTrack.read(tmp));
    }
}
