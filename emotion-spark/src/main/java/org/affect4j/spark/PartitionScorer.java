package org.affect4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.audio.BundledSpeechModel;
import org.affect4j.audio.SpeechDetector;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;
import org.affect4j.core.Span;
import org.affect4j.core.timeline.TimelineRow;
import org.affect4j.core.timeline.TimelineSink;
import org.affect4j.core.FusedFace;
import org.affect4j.core.MultimodalResult;
import org.apache.spark.sql.Row;

/**
 * Scores one partition lazily: pulls {@code batchSize} input rows, scores them (speech clips in one batched call; a
 * batch that fails is scored file by file so that only the bad file gets an error row), emits their rows in input
 * order, then pulls the next batch. File content given in the rows is written to a temporary file for the decoders and
 * deleted after its batch.
 */
final class PartitionScorer implements Iterator<Row> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartitionScorer.class);

    private final EmotionScoring config;
    private final Iterator<Row> input;
    private final int pathIndex;
    private final int contentIndex;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();

    PartitionScorer(EmotionScoring config, Iterator<Row> input, int pathIndex, int contentIndex) {
        this.config = config;
        this.input = input;
        this.pathIndex = pathIndex;
        this.contentIndex = contentIndex;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && input.hasNext()) {
            scoreNextBatch();
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** One input file: its name, and the local file the decoders read (a temporary copy when content was given). */
    private record Input(String path, Path local, boolean temporary, String problem) {
    }

    private void scoreNextBatch() {
        List<Input> batch = new ArrayList<>();
        try {
            while (batch.size() < config.batchSize && input.hasNext()) {
                batch.add(resolve(input.next()));
            }
            List<List<Row>> out = new ArrayList<>();
            List<Integer> speechBatch = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Input in = batch.get(i);
                out.add(new ArrayList<>());
                if (in.problem() != null) {
                    out.get(i).add(ScoredRows.error(in.path(), null, null, in.problem()));
                } else if (!config.timeline() && (config.kind == EmotionScoring.Kind.SPEECH || isWav(in))) {
                    speechBatch.add(i);
                } else {
                    out.get(i).addAll(scoreOne(in));
                }
            }
            scoreSpeech(batch, speechBatch, out);
            out.forEach(ready::addAll);
        } finally {
            for (Input in : batch) {
                if (in.temporary()) {
                    try {
                        Files.deleteIfExists(in.local());
                    } catch (IOException e) {
                        // a temporary file left behind is not worth failing the task for
                        LOG.debug("cannot delete temporary copy {}: {}", in.local(), e.toString());
                    }
                }
            }
        }
    }

    /** The speech files of a batch in one call; when that call fails, file by file. */
    private void scoreSpeech(List<Input> batch, List<Integer> indices, List<List<Row>> out) {
        if (indices.isEmpty()) {
            return;
        }
        SpeechDetector d = speechDetector();
        List<Clip> clips = new ArrayList<>();
        for (int i : indices) {
            clips.add(Clip.of(batch.get(i).local()));
        }
        List<Prediction> predictions = null;
        try {
            predictions = d.predict(clips);
        } catch (RuntimeException batchFailed) {
            // one bad file fails the batched call: score file by file so that only that file gets an error row
            LOG.debug("batch of {} files failed ({}); scoring them one by one", clips.size(), batchFailed.toString());
        }
        for (int k = 0; k < indices.size(); k++) {
            Input in = batch.get(indices.get(k));
            try {
                Prediction p = predictions != null ? predictions.get(k) : d.predict(clips.get(k));
                Span s = p.span().orElse(null);
                out.get(indices.get(k)).add(ScoredRows.prediction(in.path(), s == null ? Double.NaN : s.startSeconds(),
                        s == null ? Double.NaN : s.endSeconds(), "speech", p));
            } catch (RuntimeException e) {
                out.get(indices.get(k)).add(ScoredRows.error(in.path(), null, null, message(in, e)));
            }
        }
    }

    /** A video (or, with a timeline, any file): its rows, or one error row. */
    private List<Row> scoreOne(Input in) {
        List<Row> rows = new ArrayList<>();
        try {
            if (config.timeline()) {
                TimelineSink sink = new TimelineSink() {
                    @Override
                    public void accept(TimelineRow r) {
                        String part = r.face() < 0 ? "speech" : "face " + r.face();
                        rows.add(r.prediction().map(p -> ScoredRows.prediction(in.path(), r.start(), r.end(), part, p))
                                .orElseGet(() -> ScoredRows.error(in.path(), r.start(), r.end(), r.note())));
                    }

                    @Override
                    public void close() {
                    }
                };
                if (config.kind == EmotionScoring.Kind.SPEECH || isWav(in)) {
                    speechDetector().timeline(in.local(), config.timelineWindow, config.timelineHop, sink, p -> { });
                } else {
                    multimodalDetector().timeline(in.local(), config.timelineWindow, config.timelineHop, sink, p -> { });
                }
                return rows;
            }
            MultimodalResult r = multimodalDetector().predict(Clip.of(in.local()));
            double end = Math.max(r.start(), Math.min(r.end(), r.mediaSeconds()));
            for (FusedFace f : r.faces()) {
                rows.add(ScoredRows.prediction(in.path(), r.start(), end, "face " + f.video().trackId(), f.fused()));
            }
            if (r.faces().isEmpty()) {
                // a result without a face always holds the speech prediction (MultimodalResult's invariant)
                rows.add(ScoredRows.prediction(in.path(), r.start(), end, "speech", r.speech().orElseThrow()));
            }
            return rows;
        } catch (RuntimeException e) {
            return List.of(ScoredRows.error(in.path(), null, null, message(in, e)));
        }
    }

    private SpeechDetector speechDetector() {
        String key = config.kind == EmotionScoring.Kind.SPEECH ? config.detectorKey() : "SPEECH|bundled=null|model=null";
        return ExecutorDetectors.get(key, () -> {
            SpeechDetector.Builder b = EmotionDetector.speech();
            if (config.kind == EmotionScoring.Kind.SPEECH && config.bundled != null) {
                return b.load(BundledSpeechModel.byId(config.bundled));
            }
            if (config.kind == EmotionScoring.Kind.SPEECH && config.model != null) {
                return b.load(Path.of(config.model));
            }
            return b.load();
        });
    }

    private MultimodalDetector multimodalDetector() {
        return ExecutorDetectors.get(config.detectorKey(), () -> EmotionDetector.multimodal().load());
    }

    /** The input row as a local file: its content written to a temporary file, or its path when it is local. */
    private Input resolve(Row row) {
        String path = row.isNullAt(pathIndex) ? null : row.getString(pathIndex);
        if (path == null) {
            return new Input("<null>", null, false, "the input row has no path");
        }
        try {
            if (contentIndex >= 0 && !row.isNullAt(contentIndex)) {
                byte[] content = (byte[]) row.get(contentIndex);
                Path tmp = Files.createTempFile("affect4j-", suffix(path));
                Files.write(tmp, content);
                return new Input(path, tmp, true, null);
            }
            return new Input(path, localPath(path), false, null);
        } catch (IOException e) {
            return new Input(path, null, false, path + ": cannot stage the file's content: " + e.getMessage());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return new Input(path, null, false, e.getMessage());
        }
    }

    /** A plain path or a {@code file:} URI as a local path; other schemes need the content column. */
    static Path localPath(String path) {
        if (path.startsWith("file:")) {
            return Path.of(URI.create(path));
        }
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            throw new IllegalArgumentException(path + ": not a local file; read the files with spark.read().format(\"binaryFile\")"
                    + " so that their content travels with the rows");
        }
        return Path.of(path);
    }

    private static String suffix(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.length() - dot <= 6 ? name.substring(dot).toLowerCase(Locale.ROOT) : ".bin";
    }

    private static boolean isWav(Input in) {
        return in.path().toLowerCase(Locale.ROOT).endsWith(".wav");
    }

    /** The failure as the error column says it: the typed message (which names the file), else the exception's class. */
    private static String message(Input in, RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (in.temporary()) {
            m = m.replace(in.local().toString(), in.path());   // name the user's file, not the staged copy
        }
        boolean named = m.contains(in.path()) || (in.local() != null && m.contains(in.local().toString()));
        return named ? m : in.path() + ": " + m;
    }
}
