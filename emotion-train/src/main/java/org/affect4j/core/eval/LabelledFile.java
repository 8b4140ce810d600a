package org.affect4j.core.eval;

import java.nio.file.Path;
import java.util.Objects;
import org.affect4j.core.Emotion;
import org.affect4j.core.emodb.EmoDbFileName;
import org.affect4j.core.ravdess.RavdessFileName;

/**
 * A recording with its true emotion and its speaker, as an evaluation scores it: the labels of a corpus's file names
 * (RAVDESS, Emo-DB). Immutable.
 *
 * @param speaker the corpus's speaker number (RAVDESS actor 1..24, Emo-DB speaker 3..16)
 * @param intensity RAVDESS intensity (1 normal, 2 strong); -1 for corpora without one
 */
public record LabelledFile(Path file, Emotion truth, int speaker, int intensity) {

    public LabelledFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(truth, "truth");
    }

    /**
     * The labels in a RAVDESS or an Emo-DB name, whichever the file's name is.
     *
     * @throws IllegalArgumentException naming the file if it is neither (or is Emo-DB boredom)
     */
    public static LabelledFile of(Path file) {
        String name = file.getFileName().toString();
        if (RavdessFileName.isRavdessName(name)) {
            return ofRavdess(file);
        }
        if (EmoDbFileName.isEmoDbName(name)) {
            return ofEmoDb(file);
        }
        throw new IllegalArgumentException("'" + file + "' is neither a RAVDESS file name (e.g. 03-01-05-02-01-02-12.wav) nor an"
                + " Emo-DB one (e.g. 03a01Fa.wav)");
    }

    /** Whether the file is an Emo-DB recording (by its name). */
    public boolean isEmoDb() {
        return EmoDbFileName.isEmoDbName(file.getFileName().toString());
    }

    /** The labels in a RAVDESS name. @throws IllegalArgumentException naming the file if it is not one */
    public static LabelledFile ofRavdess(Path file) {
        RavdessFileName n = RavdessFileName.parse(file);
        return new LabelledFile(file, n.emotion(), n.actor(), n.intensity());
    }

    /**
     * The labels in an Emo-DB name.
     *
     * @throws IllegalArgumentException naming the file if it is not one, or if it is a boredom clip (no RAVDESS class)
     */
    public static LabelledFile ofEmoDb(Path file) {
        EmoDbFileName n = EmoDbFileName.parse(file);
        Emotion e = n.emotion().orElseThrow(() -> new IllegalArgumentException("'" + file
                + "' is Emo-DB boredom, which has no RAVDESS emotion to score it against"));
        return new LabelledFile(file, e, n.speaker(), -1);
    }
}
