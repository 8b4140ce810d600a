package org.affect4j.core.ravdess;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.affect4j.core.Emotion;

/**
 * The seven fields of a RAVDESS file name, {@code MM-VV-EE-II-SS-RR-AA.ext}: modality (01 full AV,
 * 02 video only, 03 audio only), vocal channel (01 speech, 02 song), emotion (01..08), intensity
 * (01 normal, 02 strong; neutral has no strong), statement (01 "Kids are talking by the door",
 * 02 "Dogs are sitting by the door"), repetition (01, 02) and actor (01..24; odd male, even female).
 * Immutable.
 */
public record RavdessFileName(int modality, int vocalChannel, Emotion emotion, int intensity,
                              int statement, int repetition, int actor) {

    private static final Pattern NAME =
            Pattern.compile("(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})(?:\\.[A-Za-z0-9]+)?");

    public RavdessFileName {
        Objects.requireNonNull(emotion, "emotion");
        check(modality >= 1 && modality <= 3, "modality must be 01..03, got " + modality);
        check(vocalChannel == 1 || vocalChannel == 2, "vocal channel must be 01 or 02, got " + vocalChannel);
        check(intensity == 1 || intensity == 2, "intensity must be 01 or 02, got " + intensity);
        check(statement == 1 || statement == 2, "statement must be 01 or 02, got " + statement);
        check(repetition == 1 || repetition == 2, "repetition must be 01 or 02, got " + repetition);
        check(actor >= 1 && actor <= 24, "actor must be 01..24, got " + actor);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Parses a file name (a path's last element is used).
     *
     * @throws IllegalArgumentException naming the file and the field that does not parse
     */
    public static RavdessFileName parse(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        String base = fileName;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        if (slash >= 0) {
            base = base.substring(slash + 1);
        }
        Matcher m = NAME.matcher(base);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + fileName + "' is not a RAVDESS file name (expected MM-VV-EE-II-SS-RR-AA.ext, e.g. 03-01-05-02-01-02-12.wav)");
        }
        try {
            int emotion = Integer.parseInt(m.group(3));
            return new RavdessFileName(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Emotion.fromRavdessCode(emotion), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + fileName + "' is not a valid RAVDESS file name: " + e.getMessage(), e);
        }
    }

    public static RavdessFileName parse(Path path) {
        return parse(Objects.requireNonNull(path, "path").getFileName().toString());
    }

    /** True when {@code fileName} parses. */
    public static boolean isRavdessName(String fileName) {
        try {
            parse(fileName);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Odd actors are male, even actors female. */
    public boolean isFemale() {
        return actor % 2 == 0;
    }
}
