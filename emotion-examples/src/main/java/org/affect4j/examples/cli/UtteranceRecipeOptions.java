package org.affect4j.examples.cli;

import java.nio.file.Path;
import org.affect4j.audio.train.UtteranceTraining;
import picocli.CommandLine.Option;

/** The utterance model's data and recipe, shared by {@code train-utterance} and {@code cv-utterance}. */
final class UtteranceRecipeOptions {

    @Option(names = "--data", required = true, paramLabel = "<ravdess dir>", description = "RAVDESS speech (Actor_NN folders of WAVs)")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs per ensemble member (default 100)")
    Integer epochs;

    @Option(names = "--members", paramLabel = "M", description = "ensemble members (default 10)")
    Integer members;

    @Option(names = "--augment", paramLabel = "telephone,cut-2s|none",
            description = "degraded copies added to training (default telephone,cut-2s; any of degrade's conditions, or none)")
    String augment;

    @Option(names = "--extra-emodb", paramLabel = "<emodb wav dir>",
            description = "Emo-DB joins training (speakers outside the held-out ones), its held-out speakers scored")
    Path extraEmoDb;

    /** The default recipe with the options given. */
    UtteranceTraining.Recipe recipe() {
        return UtteranceCommands.recipe(epochs, members, augment);
    }
}
