package org.affect4j.audio.train;

import org.affect4j.audio.SpeechDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.affect4j.core.Clip;
import org.affect4j.core.Prediction;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.core.eval.LabelledFile;
import org.affect4j.core.ravdess.RavdessFileName;

/**
 * Evaluates a {@link SpeechDetector} on RAVDESS files (labels from the file names): the seed's main job; also on
 * other labelled corpora ({@link #runLabelled}). Immutable result: the report plus every file's prediction, in input order.
 */
public final class SpeechEvaluation {

    /**
     * One evaluated file with its labels, and the clips that calibrated its prediction (empty when it was not
     * calibrated; an unmodifiable list).
     */
    public record Item(LabelledFile label, Prediction prediction, List<Path> calibrationClips) {
        /** @throws NullPointerException if {@code label}, {@code prediction} or {@code calibrationClips} is null */
        public Item {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(prediction, "prediction");
            calibrationClips = List.copyOf(calibrationClips);
        }

        /** The evaluated file. */
        public Path file() {
            return label.file();
        }

        /** The file's RAVDESS name. @throws IllegalArgumentException if the file is not a RAVDESS one (e.g. Emo-DB) */
        public RavdessFileName name() {
            return RavdessFileName.parse(label.file());
        }

        /** Whether the predicted emotion is the file's label. */
        public boolean correct() {
            return label.truth() == prediction.emotion();
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
        // a file without a RAVDESS label fails before any decoding
        return runLabelled(detector, files.stream().map(LabelledFile::ofRavdess).toList(), batch, progress);
    }

    /**
     * As {@link #run}, on files labelled by any corpus ({@link LabelledFile#ofRavdess}, {@link LabelledFile#ofEmoDb}):
     * the model's argmax over its own classes is scored against each file's label, so a corpus with fewer emotions
     * than the model (Emo-DB: no calm, no surprised) counts those answers as errors.
     */
    public static SpeechEvaluation runLabelled(SpeechDetector detector, List<LabelledFile> files, int batch, IntConsumer progress) {
        Objects.requireNonNull(detector, "detector");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        Prediction[] preds = new Prediction[files.size()];
        for (int from = 0; from < files.size(); from += batch) {
            int to = Math.min(files.size(), from + batch);
            List<Prediction> p = detector.predict(files.subList(from, to).stream().map(f -> Clip.of(f.file())).toList());
            for (int i = from; i < to; i++) {
                preds[i] = p.get(i - from);
            }
            if (progress != null) {
                progress.accept(to);
            }
        }
        return assemble(files, preds, null);
    }

    /**
     * As {@link #run}, with speaker calibration (beyond the seed; {@link SpeechDetector#forSpeaker}): every clip is
     * predicted by a view calibrated on the <em>other</em> repetition of the same actor's clips in {@code files}
     * (RAVDESS records every statement twice), so no clip takes part in its own calibration and no label is used.
     *
     * @throws IllegalArgumentException if an actor in {@code files} lacks clips of one of the two repetitions
     */
    public static SpeechEvaluation runCalibratedPerActor(SpeechDetector detector, List<Path> files, int batch, IntConsumer progress) {
        return runCalibratedPerActor(detector, files, batch, progress, Integer.MAX_VALUE, 0);
    }

    /**
     * As {@link #runCalibratedPerActor(SpeechDetector, List, int, IntConsumer)}, calibrating on at most
     * {@code clips} of the other repetition's clips: when it has more, {@code clips} of them drawn at random from
     * {@code seed} (the same seed, files and count always draw the same clips). Measures how many unlabelled clips of
     * a speaker calibration needs; {@link Item#calibrationClips()} says which ones each prediction used.
     *
     * @throws IllegalArgumentException if {@code clips} &lt; 1 or an actor lacks clips of one of the two repetitions
     */
    public static SpeechEvaluation runCalibratedPerActor(SpeechDetector detector, List<Path> files, int batch, IntConsumer progress,
                                                         int clips, long seed) {
        Objects.requireNonNull(detector, "detector");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        if (clips < 1) {
            throw new IllegalArgumentException("calibration needs at least 1 clip, got " + clips);
        }
        Map<Integer, List<Integer>> byGroup = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            RavdessFileName n = RavdessFileName.parse(files.get(i));
            byGroup.computeIfAbsent(n.actor() * 2 + n.repetition() - 1, k -> new ArrayList<>()).add(i);
        }
        Prediction[] preds = new Prediction[files.size()];
        List<List<Path>> calibration = new ArrayList<>(Collections.nCopies(files.size(), List.of()));
        int done = 0;
        for (var group : byGroup.entrySet()) {
            int actor = group.getKey() / 2;
            int otherKey = actor * 2 + (1 - group.getKey() % 2);
            List<Integer> other = byGroup.get(otherKey);
            if (other == null) {
                throw new IllegalArgumentException("actor " + actor + " has no clips of repetition " + (otherKey % 2 + 1)
                        + " among the files: per-actor calibration needs both repetitions");
            }
            List<Path> pool = other.stream().map(files::get).toList();
            if (pool.size() > clips) {
                List<Path> shuffled = new ArrayList<>(pool);
                Collections.shuffle(shuffled, new Random(seed * 1_000_003L + group.getKey()));
                pool = List.copyOf(shuffled.subList(0, clips));
            }
            SpeechDetector view = detector.forSpeaker(pool.stream().map(Clip::of).toList());
            List<Integer> members = group.getValue();
            for (int from = 0; from < members.size(); from += batch) {
                List<Integer> chunk = members.subList(from, Math.min(members.size(), from + batch));
                List<Prediction> p = view.predict(chunk.stream().map(i -> Clip.of(files.get(i))).toList());
                for (int k = 0; k < chunk.size(); k++) {
                    preds[chunk.get(k)] = p.get(k);
                    calibration.set(chunk.get(k), pool);
                }
                done += chunk.size();
                if (progress != null) {
                    progress.accept(done);
                }
            }
        }
        return assemble(files.stream().map(LabelledFile::ofRavdess).toList(), preds, calibration);
    }

    /**
     * Scores each file's prediction against its label; {@code preds[i]} and {@code calibration.get(i)} (null: none)
     * belong to {@code files.get(i)}.
     */
    private static SpeechEvaluation assemble(List<LabelledFile> files, Prediction[] preds, List<List<Path>> calibration) {
        List<Item> items = new ArrayList<>(files.size());
        EvaluationReport.Builder report = new EvaluationReport.Builder();
        for (int i = 0; i < files.size(); i++) {
            LabelledFile f = files.get(i);
            items.add(new Item(f, preds[i], calibration == null ? List.of() : calibration.get(i)));
            report.add(f.truth(), preds[i].emotion(), f.speaker(), f.intensity());
        }
        return new SpeechEvaluation(report.build(), items);
    }

    /** Accuracy, per-class, per-actor and per-intensity results and the confusion matrix over every file. */
    public EvaluationReport report() {
        return report;
    }

    /** Every file with its prediction, in input order (unmodifiable). */
    public List<Item> items() {
        return items;
    }
}
