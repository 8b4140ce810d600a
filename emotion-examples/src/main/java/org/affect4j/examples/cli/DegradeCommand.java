package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.Degradations;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.audio.io.WavEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code affect4j degrade --data <dir> --out <dir> --condition 16k[,telephone,...]}: writes a degraded copy of every
 * WAV under {@code --data} to {@code <out>/<condition>/} (same relative paths, 16-bit PCM), for measuring the models on
 * audio like users' ({@link Degradations}).
 */
@Command(name = "degrade", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Writes degraded copies of WAVs (resampled, telephone band, quieter, cut short).",
                "Writes a degraded copy of every WAV under --data to <out>/<condition>/ (16-bit PCM), to measure the models on audio like users' (resampled, telephone band 8 kHz 300-3400 Hz, quieter, peak-normalised, cut short)."})
final class DegradeCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Option(names = "--data", required = true, paramLabel = "<dir>", description = "the WAVs to degrade (searched recursively)")
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "where <condition>/ folders go")
    private Path dest;

    @Option(names = "--condition", required = true, paramLabel = "C1,C2,...",
            description = "one or more of: 16k, 22k, telephone, gain-20db, peak-0dbfs, cut-1.5s, cut-2s, original")
    private String spec;

    @Override
    public Integer call() throws IOException {
        PrintStream out = cli.out;
        List<Degradations.Condition> conditions = new ArrayList<>();
        for (String id : spec.split(",")) {
            try {
                conditions.add(Degradations.Condition.byId(id.trim()));
            } catch (IllegalArgumentException e) {
                throw new Affect4jCli.UsageException("--condition: " + e.getMessage());
            }
        }
        List<Path> wavs;
        try (Stream<Path> s = Files.walk(data)) {
            wavs = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav"))
                    .sorted().toList();
        }
        if (wavs.isEmpty()) {
            throw new IllegalArgumentException("no WAV files under " + data);
        }
        for (Degradations.Condition c : conditions) {
            Path dir = dest.resolve(c.id());
            for (Path wav : wavs) {
                Path target = dir.resolve(data.relativize(wav).toString());
                Files.createDirectories(target.getParent());
                AudioSignal s = WavDecoder.decode(wav);
                WavEncoder.write(c.apply(s), target);
            }
            out.println(wavs.size() + " files, " + Degradations.describe(c) + " -> " + dir);
        }
        return 0;
    }
}
