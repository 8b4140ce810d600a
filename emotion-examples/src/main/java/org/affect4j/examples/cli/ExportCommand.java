package org.affect4j.examples.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.affect4j.audio.SpeechModelArchive;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.NumpyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code affect4j export}: an Affect4J model's weights as a PyTorch state dict, plus a speech model's scaler as .npz. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Exports a speech model of the seed's network as a PyTorch state dict.",
                "Writes a speech model's network weights as a PyTorch state dict (torch.load, then load_state_dict into the seed's module); its input scaler goes beside it as <model>.scaler.npz (arrays mean, scale; and calibration_target for a speaker-normalised model). The utterance model has no PyTorch counterpart."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Option(names = "--out", required = true, paramLabel = "<model.pt>", description = "the state dict to write")
    private Path outFile;

    @Option(names = "--model", paramLabel = "<affect4j.zip>", description = "a model from 'train'")
    private Path model;

    @Option(names = "--bundled", paramLabel = "<id>", completionCandidates = SpeechModelOptions.BundledIds.class,
            description = "a bundled model of the seed's network: seed-recipe (default), speaker-normalised or robust")
    private String bundled;

    @Override
    public Integer call() {
        if (model != null && bundled != null) {
            throw new Affect4jCli.UsageException("give one of --model or --bundled");
        }
        ModelArchive m = model != null ? ModelArchive.read(model)
                : SpeechModelOptions.bundledModel(bundled == null ? "seed-recipe" : bundled).read();
        if (SpeechModelArchive.UTTERANCE_ARCHITECTURE.equals(m.meta().get("architecture"))) {
            throw new IllegalArgumentException((model != null ? model.toString() : "the bundled utterance model")
                    + " is an utterance model (" + SpeechModelArchive.UTTERANCE_ARCHITECTURE + "), which has no"
                    + " counterpart in the seed's PyTorch code; export takes models of the seed's network (--bundled seed-recipe,"
                    + " speaker-normalised, robust, or a model from `train`)");
        }
        m.exportTorch(outFile);
        cli.out.println("PyTorch state dict written to " + outFile);
        if (m.tensors().containsKey("scaler.mean") && m.tensors().containsKey("scaler.scale")) {
            String name = outFile.getFileName().toString();
            Path scaler = outFile.resolveSibling((name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name) + ".scaler.npz");
            Map<String, ModelArchive.Tensor> arrays = new TreeMap<>(Map.of("mean", m.tensor("scaler.mean"), "scale", m.tensor("scaler.scale")));
            String target = SpeechModelArchive.CALIBRATION_TARGET;
            if (m.tensors().containsKey(target)) {
                arrays.put("calibration_target", m.tensor(target));
            }
            NumpyFiles.writeNpz(scaler, arrays);
            cli.out.println("input scaler (StandardScaler mean_ and scale_) written to " + scaler
                    + (m.tensors().containsKey(target) ? ", with calibration_target (the band means, dB, speaker calibration aims at)" : ""));
        }
        return 0;
    }
}
