package org.affect4j.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code affect4j train}: the speech network from scratch on the given actors (actor-independent), resumable. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Trains the seed's speech network from scratch (actor-independent, resumable).",
                "Trains the speech network from scratch with the seed's recipe on the given actors (actor-independent), saving <work>/best-model.zip (load it with --model) and a resumable checkpoint after every epoch; run the same command again to resume."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Mixin
    private TrainingOptions training;

    @Option(names = "--train-actors", paramLabel = "5-20", defaultValue = "5-20", description = "training actors (default ${DEFAULT-VALUE})")
    private String trainActors;

    @Option(names = "--val-actors", paramLabel = "21-24", defaultValue = "21-24", description = "model-selection actors (default ${DEFAULT-VALUE})")
    private String valActors;

    @Override
    public Integer call() {
        HugePages.hint(cli.err);
        training.trainSpeech(cli.out, cli.err, training.work, CliSupport.actors(trainActors), CliSupport.actors(valActors), "");
        return 0;
    }
}
