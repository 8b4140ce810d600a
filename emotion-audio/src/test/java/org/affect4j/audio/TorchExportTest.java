package org.affect4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.affect4j.core.Clip;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.NumpyFiles;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled model exported as a PyTorch state dict ({@link ModelArchive#exportTorch}) gives our logits in
 * PyTorch: {@code torch.load(weights_only=True)}, strict {@code load_state_dict} into the reference module of
 * {@code shared/reference/tools/speech_ref.py}, forward on the features Affect4J computed for shared clips. Needs
 * Debian's {@code /usr/bin/python3} with {@code python3-torch} ({@code .ci/run} installs it); skipped, with the
 * reason, where PyTorch is absent.
 */
class TorchExportTest {

    static final String PYTHON = "/usr/bin/python3";
    static final String SCRIPT = String.join("\n",
            "import sys, numpy as np, torch",
            "tools, pt, inp, out = sys.argv[1:5]",
            "sys.path.insert(0, tools)",
            "from speech_ref import SpeechCnnTransformer",
            "m = SpeechCnnTransformer()",
            "m.load_state_dict(torch.load(pt, weights_only=True), strict=True)",
            "m.eval()",
            "with torch.no_grad():",
            "    logits = m(torch.from_numpy(np.load(inp)))[0].numpy()",
            "np.save(out, logits.astype(np.float32))");

    /** Compares the seed's multimodal checkpoint with our re-export of it and loads the export strictly. */
    static final String MULTIMODAL_SCRIPT = String.join("\n",
            "import sys, torch",
            "tools, original, exported = sys.argv[1:4]",
            "sys.path.insert(0, tools)",
            "from emonet_ref import VideoSpeechModel",
            "a = torch.load(original, map_location='cpu')['state_dict']",
            "b = torch.load(exported, weights_only=True)",
            "assert list(a.keys()) == list(b.keys()), 'key order differs'",
            "for k in a:",
            "    assert a[k].dtype == b[k].dtype and a[k].shape == b[k].shape and torch.equal(a[k], b[k]), k",
            "VideoSpeechModel().load_state_dict(b, strict=True)",
            "print('tensors', len(b))");

    static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String python(Path tmp, String script, String... args) throws Exception {
        Path file = Files.writeString(Files.createTempFile(tmp, "check", ".py"), script);
        List<String> cmd = new ArrayList<>(List.of(PYTHON, file.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "PyTorch run timed out");
        assertEquals(0, p.exitValue(), "PyTorch run failed:\n" + log);
        return log;
    }

    @Test
    void theSeedsMultimodalCheckpointReExportedIsTheSameStateDictInPyTorch(@TempDir Path tmp) throws Exception {
        Path tools = SharedData.require("reference/tools/emonet_ref.py").getParent();
        Path original = SharedData.require("reference/vision/multimodal_random.pkl");
        Assumptions.assumeTrue(torchAvailable(), "PyTorch not found at " + PYTHON + " (apt-get install python3-torch)");
        Path pt = tmp.resolve("multimodal.pt");
        org.affect4j.core.checkpoint.TorchCheckpointWriter.write(org.affect4j.core.checkpoint.TorchCheckpoint.loadStateDict(original), pt);
        String log = python(tmp, MULTIMODAL_SCRIPT, tools.toString(), original.toString(), pt.toString());
        System.out.println("multimodal checkpoint re-exported: " + log.strip() + ", every tensor equal in PyTorch, strict load OK");
        assertTrue(log.contains("tensors 782"), log);
    }

    @Test
    void theExportedBundledModelGivesOurLogitsInPyTorch(@TempDir Path tmp) throws Exception {
        Path tools = SharedData.require("reference/tools/speech_ref.py").getParent();
        Assumptions.assumeTrue(torchAvailable(), "PyTorch not found at " + PYTHON + " (apt-get install python3-torch): the export "
                + "is checked here only by Affect4J's own reader (TorchCheckpointWriterTest)");
        ModelArchive archive = BundledSpeechModel.SEED_RECIPE.read();   // the seed's network (the utterance model has no PyTorch twin)
        Path pt = tmp.resolve("speech.pt");
        archive.exportTorch(pt);

        List<float[]> features = new ArrayList<>();
        List<float[]> ours;
        try (SpeechModel model = SpeechModelArchive.fromArchive(archive, 8, SpeechModel.DEFAULT_SILENCE_PEAK)) {
            for (String clip : SpeechFixtures.CLIPS) {
                features.add(model.features(Clip.of(SpeechFixtures.wav(clip))).scaled());
            }
            ours = model.logits(features);
        }
        int per = features.get(0).length;
        float[] batch = new float[features.size() * per];
        for (int i = 0; i < features.size(); i++) {
            System.arraycopy(features.get(i), 0, batch, i * per, per);
        }
        Path input = tmp.resolve("input.npy");
        NumpyFiles.writeNpy(input, ModelArchive.Tensor.of(batch, features.size(), 1, 128, per / 128));
        Path output = tmp.resolve("logits.npy");
        python(tmp, SCRIPT, tools.toString(), pt.toString(), input.toString(), output.toString());

        Npy torch = Npy.read(output);
        float[] theirs = torch.toFloats();
        assertEquals(ours.size() * 8, theirs.length);
        double err = 0;
        for (int i = 0; i < ours.size(); i++) {
            float[] row = java.util.Arrays.copyOfRange(theirs, i * 8, i * 8 + 8);
            err = Math.max(err, Npy.maxAbsDiff(ours.get(i), row));
        }
        System.out.printf("bundled model exported to PyTorch: %d clips, max |logit(PyTorch) - logit(Affect4J)| = %.3g%n", ours.size(), err);
        assertTrue(err <= 1e-3, "export parity error " + err);
    }
}
