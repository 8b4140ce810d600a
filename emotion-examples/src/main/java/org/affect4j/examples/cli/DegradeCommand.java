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

/**
 * {@code affect4j degrade --data <dir> --out <dir> --condition 16k[,telephone,...]}: writes a degraded copy of every
 * WAV under {@code --data} to {@code <out>/<condition>/} (same relative paths, 16-bit PCM), for measuring the models on
 * audio like users' ({@link Degradations}).
 */
final class DegradeCommand {

    private final PrintStream out;

    DegradeCommand(PrintStream out) {
        this.out = out;
    }

    int run(Affect4jCli.Args a) throws IOException {
        Path data = a.path("data");
        Path dest = a.path("out");
        String spec = a.options.get("condition");
        if (spec == null) {
            throw new Affect4jCli.UsageException("missing --condition (one or more of: " + known() + ")");
        }
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

    private static String known() {
        StringBuilder k = new StringBuilder();
        for (Degradations.Condition c : Degradations.Condition.values()) {
            k.append(k.length() == 0 ? "" : ", ").append(c.id());
        }
        return k.toString();
    }
}
