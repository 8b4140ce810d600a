package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.affect4j.MultimodalDetector;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.timeline.CsvTimelineWriter;
import org.affect4j.core.timeline.JsonlTimelineWriter;
import org.affect4j.core.timeline.TimelineRow;
import org.affect4j.core.timeline.TimelineSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code affect4j timeline <file> --out <x.csv|x.jsonl>}: one row per window (and face) of a long recording, streamed. */
@Command(name = "timeline", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Scores a long recording window after window, streamed to CSV or JSON Lines.",
                "Scores a long recording window after window (and face by face), streaming one row per window to CSV or JSON Lines in constant memory. A .wav uses the speech model; any other file the video models, as in predict."})
final class TimelineCommand implements Callable<Integer> {

    @ParentCommand
    private Affect4jCli cli;

    @Parameters(paramLabel = "<file>", description = "a WAV file, or a video file with sound")
    private Path file;

    @Option(names = "--out", required = true, paramLabel = "<x.csv|x.jsonl>", description = "where the rows go (format from the extension)")
    private Path outFile;

    @Option(names = "--window", paramLabel = "S", defaultValue = "3.0", description = "window length in seconds, at most 3 (default ${DEFAULT-VALUE})")
    private double window;

    @Option(names = "--hop", paramLabel = "S", defaultValue = "3.0", description = "step between windows in seconds (default ${DEFAULT-VALUE})")
    private double hop;

    @Mixin
    private SpeechModelOptions speech;

    @Mixin
    private FaceModelOptions face;

    @Override
    public Integer call() throws IOException {
        if (speech.windows != null) {
            throw new Affect4jCli.UsageException("timeline analyses one window per step; --windows applies to predict and eval");
        }
        String name = outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".jsonl")) {
            throw new Affect4jCli.UsageException("--out must end in .csv or .jsonl");
        }
        Progress progress = new Progress(cli.err, "s");
        int[] rows = {0};
        int[] padded = {0};
        String models;
        try (Writer w = Files.newBufferedWriter(outFile);
             TimelineSink writer = name.endsWith(".csv") ? new CsvTimelineWriter(w) : new JsonlTimelineWriter(w)) {
            TimelineSink counting = new TimelineSink() {
                @Override
                public void accept(TimelineRow row) throws IOException {
                    rows[0]++;
                    padded[0] += row.mostlyPadded() ? 1 : 0;
                    writer.accept(row);
                }

                @Override
                public void close() {
                }
            };
            if (CliSupport.isWav(file)) {
                try (SpeechDetector d = speech.load()) {
                    models = speech.describe(d).replaceFirst("; windows? .*", "");
                    d.timeline(file, window, hop, counting, pr -> progress.update(pr.doneSeconds(), pr.totalSeconds()));
                }
            } else {
                try (MultimodalDetector d = face.load(speech)) {
                    models = "models: " + FaceModelOptions.describe(d);
                    d.timeline(file, window, hop, counting, pr -> progress.update(pr.doneSeconds(), pr.totalSeconds()));
                }
            }
        }
        progress.done();
        cli.out.println(models);
        cli.out.printf(Locale.ROOT, "windows of %.1f s every %.1f s from 0 s (predict scores one window from 0.5 s, the seed's, so its"
                + " first answer can differ from the first row's)%n", window, hop);
        cli.out.println(rows[0] + " rows written to " + outFile + (padded[0] > 0 ? "; " + padded[0] + " mostly padding (under "
                + Math.round(TimelineRow.MIN_REAL_FRACTION * 100) + " % real media: column mostly_padded)" : ""));
        return 0;
    }
}
