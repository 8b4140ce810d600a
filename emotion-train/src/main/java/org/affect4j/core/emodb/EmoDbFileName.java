package org.affect4j.core.emodb;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.affect4j.core.Emotion;

/**
 * The fields of a Berlin Database of Emotional Speech (Emo-DB; Burkhardt et al. 2005) file name,
 * {@code SSTTTEV.wav}: speaker (two digits: 03, 08, 09, 10, 11, 12, 13, 14, 15, 16), text code (three characters,
 * e.g. {@code a01}), emotion letter (German initials: W Ärger/anger, L Langeweile/boredom, E Ekel/disgust,
 * A Angst/fear, F Freude/happiness, T Trauer/sadness, N neutral) and version letter. E.g. {@code 03a01Fa.wav}.
 * Immutable.
 *
 * <p>Emo-DB has no calm and no surprised; its boredom has no RAVDESS class, so {@link #emotion()} is empty for it.
 */
public record EmoDbFileName(int speaker, String text, char emotionCode, char version) {

    /** The ten Emo-DB speakers. */
    public static final Set<Integer> SPEAKERS = Set.of(3, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    /** Emo-DB's female speakers (the others are male). */
    private static final Set<Integer> FEMALE = Set.of(8, 9, 13, 14, 16);

    private static final Pattern NAME = Pattern.compile("(\\d{2})([a-z]\\d{2})([WLEAFTN])([a-z])(?:\\.[A-Za-z0-9]+)?");

    public EmoDbFileName {
        Objects.requireNonNull(text, "text");
        if (!SPEAKERS.contains(speaker)) {
            throw new IllegalArgumentException("Emo-DB speaker must be one of " + new java.util.TreeSet<>(SPEAKERS) + ", got " + speaker);
        }
        if ("WLEAFTN".indexOf(emotionCode) < 0) {
            throw new IllegalArgumentException("Emo-DB emotion letter must be one of W L E A F T N, got '" + emotionCode + "'");
        }
    }

    /** Whether {@code fileName} (a path's last element) parses as an Emo-DB name. */
    public static boolean isEmoDbName(String fileName) {
        try {
            parse(fileName);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Parses a file name (a path's last element is used).
     *
     * @throws IllegalArgumentException naming the file and what does not parse
     */
    public static EmoDbFileName parse(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        Matcher m = NAME.matcher(base);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + fileName + "' is not an Emo-DB file name (expected speaker, text, emotion"
                    + " and version, e.g. 03a01Fa.wav)");
        }
        try {
            return new EmoDbFileName(Integer.parseInt(m.group(1)), m.group(2), m.group(3).charAt(0), m.group(4).charAt(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + fileName + "' is not a valid Emo-DB file name: " + e.getMessage(), e);
        }
    }

    /** As {@link #parse(String)}, on the path's file name. */
    public static EmoDbFileName parse(Path file) {
        return parse(file.getFileName().toString());
    }

    /** The emotion in RAVDESS's set; empty for boredom ({@code L}), which RAVDESS does not have. */
    public Optional<Emotion> emotion() {
        return Optional.ofNullable(switch (emotionCode) {
            case 'W' -> Emotion.ANGRY;
            case 'E' -> Emotion.DISGUST;
            case 'A' -> Emotion.FEARFUL;
            case 'F' -> Emotion.HAPPY;
            case 'T' -> Emotion.SAD;
            case 'N' -> Emotion.NEUTRAL;
            default -> null; // 'L', boredom
        });
    }

    /** Whether the speaker is female (Emo-DB speakers 08, 09, 13, 14, 16). */
    public boolean isFemale() {
        return FEMALE.contains(speaker);
    }
}
