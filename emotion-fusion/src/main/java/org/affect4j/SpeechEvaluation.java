package org.affect4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.core.ravdess.RavdessFileName;

/**
 * Evaluates a {@link SpeechDetector} on RAVDESS files (labels from the file names): the seed's main job. Immutable
 * result: the report plus every file's prediction, in input order.
 */
public final class SpeechEvaluation {

    /** One evaluated file. */
    public record Item(Path file, RavdessFileName name, Prediction prediction) {
        public boolean correct() {
            return name.emotion() == prediction.emotion();
        }
    }

    private final EvaluationReport report;
    private final List<Item> items;

    private SpeechEvaluation(EvaluationReport report, List<Item> items) {
        this.report = report;
        this.items = Collections.unmodifiableList(items);
    }

    /**
     * Predicts each file (in batches of {@code batch}) and scores it against its RAVDESS label.
     *
     * @param progress called with the number of files done after each batch (may be null)
     */
    public static SpeechEvaluation run(SpeechDetector detector, List<Path> files, int batch, IntConsumer progress) {
        Objects.requireNonNull(detector, "detector");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        List<Item> items = new ArrayList<>(files.size());
        EvaluationReport.Builder report = new EvaluationReport.Builder();
        for (int from = 0; from < files.size(); from += batch) {
            List<Path> chunk = files.subList(from, Math.min(files.size(), from + batch));
            List<Clip> clips = chunk.stream().map(Clip::of).toList();
            List<Prediction> preds = detector.predict(clips);
            for (int i = 0; i < chunk.size(); i++) {
                RavdessFileName name = RavdessFileName.parse(chunk.get(i));
                Prediction p = preds.get(i);
                items.add(new Item(chunk.get(i), name, p));
                report.add(name.emotion(), p.emotion(), name.actor(), name.intensity());
            }
            if (progress != null) {
                progress.accept(items.size());
            }
        }
        return new SpeechEvaluation(report.build(), items);
    }

    public EvaluationReport report() {
        return report;
    }

    public List<Item> items() {
        return items;
    }
}
