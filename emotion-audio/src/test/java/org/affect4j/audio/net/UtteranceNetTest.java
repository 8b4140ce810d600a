package org.affect4j.audio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.affect4j.audio.SpeechModelArchive;
import org.affect4j.audio.features.SpeechWindow;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchTensor;
import org.junit.jupiter.api.Test;

/** The utterance network: its plain-array forward pass against the SameDiff graph, and its state dict checked strictly. */
class UtteranceNetTest {

    private static UtteranceNet random(int members, int in, int hidden, int classes, long seed) {
        Random r = new Random(seed);
        List<float[][]> m = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            m.add(new float[][] {gauss(r, in * hidden, 0.2), gauss(r, hidden, 0.1), gauss(r, hidden * classes, 0.2), gauss(r, classes, 0.1)});
        }
        return UtteranceNet.of(in, hidden, classes, m);
    }

    private static float[] gauss(Random r, int n, double sd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * sd);
        }
        return x;
    }

    @Test
    void plainArraysGiveTheSameDiffGraphsLogits() {
        UtteranceNet net = random(3, 189, 64, 8, 1);
        float[] x = gauss(new Random(2), 5 * 189, 1.0);
        float[][] eager = net.logits(x, 5);
        float[][] graph = net.logitsSameDiff(x, 5);
        double err = 0;
        for (int b = 0; b < 5; b++) {
            for (int k = 0; k < 8; k++) {
                err = Math.max(err, Math.abs(eager[b][k] - graph[b][k]));
            }
        }
        System.out.printf(Locale.ROOT, "utterance network, plain arrays vs SameDiff: max |logit difference| = %.3g%n", err);
        assertTrue(err < 1e-4, "engines differ by " + err);
        assertThrows(IllegalArgumentException.class, () -> net.logits(new float[188], 1));
    }

    @Test
    void archiveRoundTripIsExactAndAHostileStateDictIsRefused(@org.junit.jupiter.api.io.TempDir Path tmp) {
        UtteranceNet net = random(2, 189, 16, 8, 3);
        double[] mean = new double[189];
        double[] scale = new double[189];
        java.util.Arrays.fill(scale, 2.0);
        ModelArchive a = SpeechModelArchive.toArchive(net, new SklearnScaler(mean, scale), LabelOrder.SEED_SPEECH, new SpeechWindow(0.0, 6.0, 8000), Map.of("data", "test"));
        Path file = tmp.resolve("u.zip");
        a.write(file);
        UtteranceNet back = UtteranceNet.from(ModelArchive.read(file).stateDict("weights."));
        float[] x = gauss(new Random(4), 189, 1.0);
        assertArrayEquals(net.logits(x, 1)[0], back.logits(x, 1)[0], 0f);
        assertEquals(2, back.members());

        Map<String, TorchTensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : net.namedWeights().entrySet()) {
            t.put(e.getKey(), TorchTensor.ofFloats(e.getValue(), net.shapeOf(e.getKey())));
        }
        Map<String, TorchTensor> extra = new LinkedHashMap<>(t);
        extra.put("member0.sneaky", TorchTensor.ofFloats(new float[1], 1));
        CheckpointException e = assertThrows(CheckpointException.class, () -> UtteranceNet.from(StateDict.of(extra, Path.of("x.zip"))));
        assertTrue(e.getMessage().contains("sneaky"), e.getMessage());
        Map<String, TorchTensor> missing = new LinkedHashMap<>(t);
        missing.remove("member1.out.bias");
        e = assertThrows(CheckpointException.class, () -> UtteranceNet.from(StateDict.of(missing, Path.of("x.zip"))));
        assertTrue(e.getMessage().contains("member1.out.bias"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> UtteranceNet.from(StateDict.of(Map.of(), Path.of("empty.zip"))));
        assertTrue(e.getMessage().contains("empty.zip") && e.getMessage().contains("no utterance-network member"), e.getMessage());
    }

    @Test
    void aHostileUtteranceArchiveIsRefusedNamingTheFile() {
        UtteranceNet net = random(1, 189, 8, 8, 5);
        double[] mean = new double[189];
        double[] scale = new double[189];
        java.util.Arrays.fill(scale, 1.0);
        scale[17] = 0.0;   // would divide by zero
        ModelArchive zero = SpeechModelArchive.toArchive(net, new SklearnScaler(mean, scale), LabelOrder.SEED_SPEECH, new SpeechWindow(0.0, 6.0, 8000), Map.of());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> SpeechModelArchive.fromArchive(zero, 8, org.affect4j.audio.SpeechModel.DEFAULT_SILENCE_PEAK));
        assertTrue(e.getMessage().contains("scaler feature 17") && e.getMessage().contains("positive scale"), e.getMessage());
        scale[17] = 1.0;
        ModelArchive huge = SpeechModelArchive.toArchive(net, new SklearnScaler(mean, scale), LabelOrder.SEED_SPEECH, new SpeechWindow(0.0, 1e6, 8000), Map.of());
        e = assertThrows(CheckpointException.class,
                () -> SpeechModelArchive.fromArchive(huge, 8, org.affect4j.audio.SpeechModel.DEFAULT_SILENCE_PEAK));
        assertTrue(e.getMessage().contains("window 1000000.0 s"), e.getMessage());
    }
}
