package org.affect4j.vision.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;

/**
 * Labelled face images in the folder layouts of the public expression datasets, labels from folder names:
 * <ul>
 *   <li><b>FER2013</b> as image files ({@code <root>/<split>/<class>/*.jpg}, splits {@code train}, {@code validation}
 *   (FER2013's PublicTest), {@code test} (PrivateTest); classes angry, disgust, fear, happy, neutral, sad, surprise).
 *   Copies some redistributions add to the small disgust class ({@code PrivateTest_123.jpg0.jpg} … {@code .jpg7.jpg}:
 *   augmented copies of {@code PrivateTest_123.jpg}) are left out in every split, so each split holds FER2013's own
 *   images (train 28,709, validation 3,589, test 3,589) and class balance is what FER2013's is;</li>
 *   <li><b>CK+48</b> ({@code <root>/<class>/*.png}; anger, contempt, disgust, fear, happy, sadness, surprise; neutral
 *   where present). Contempt has no class among the library's emotions and is left out.</li>
 * </ul>
 * Stateless.
 */
public final class FaceImageFolders {

    /** A face image and its label. */
    public record LabelledImage(Path file, Emotion emotion) {
        public LabelledImage {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(emotion, "emotion");
        }
    }

    /** FER2013's seven classes in its own index order (0 angry … 6 neutral). */
    public static final LabelOrder FER2013_ORDER = LabelOrder.of("fer2013", List.of(Emotion.ANGRY, Emotion.DISGUST,
            Emotion.FEARFUL, Emotion.HAPPY, Emotion.SAD, Emotion.SURPRISED, Emotion.NEUTRAL));

    /** FER2013's splits, as folder names. */
    public static final List<String> FER2013_SPLITS = List.of("train", "validation", "test");

    /** Folder name → emotion, for both datasets' spellings; absent: a class the library does not have (contempt). */
    private static final Map<String, Optional<Emotion>> FOLDERS = Map.ofEntries(
            Map.entry("angry", Optional.of(Emotion.ANGRY)), Map.entry("anger", Optional.of(Emotion.ANGRY)),
            Map.entry("disgust", Optional.of(Emotion.DISGUST)),
            Map.entry("fear", Optional.of(Emotion.FEARFUL)),
            Map.entry("happy", Optional.of(Emotion.HAPPY)),
            Map.entry("neutral", Optional.of(Emotion.NEUTRAL)),
            Map.entry("sad", Optional.of(Emotion.SAD)), Map.entry("sadness", Optional.of(Emotion.SAD)),
            Map.entry("surprise", Optional.of(Emotion.SURPRISED)),
            Map.entry("contempt", Optional.empty()));

    /** An augmented copy's name: the original's name plus {@code <digit(s)>.jpg}. */
    private static final Pattern AUGMENTED_COPY = Pattern.compile(".*\\.(jpe?g|png)\\d+\\.(jpe?g|png)", Pattern.CASE_INSENSITIVE);

    private FaceImageFolders() {
    }

    /**
     * The emotion a dataset folder name stands for; empty for contempt.
     *
     * @throws IllegalArgumentException naming the known folder names for any other name
     */
    public static Optional<Emotion> emotionOfFolder(String folder) {
        Optional<Emotion> e = FOLDERS.get(folder.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("'" + folder + "' is not an expression folder name (known: "
                    + new java.util.TreeSet<>(FOLDERS.keySet()) + ")");
        }
        return e;
    }

    /** Whether {@code fileName} is an augmented copy of another image ({@code x.jpg0.jpg}), which readers leave out. */
    public static boolean isAugmentedCopy(String fileName) {
        return AUGMENTED_COPY.matcher(fileName).matches();
    }

    /**
     * One split of FER2013 in its image-folder form.
     *
     * @throws IllegalArgumentException if the split is unknown, its folder is missing, or it has a folder that is not a
     *                                  FER2013 class
     */
    public static List<LabelledImage> fer2013(Path root, String split) {
        if (!FER2013_SPLITS.contains(split)) {
            throw new IllegalArgumentException("FER2013 split must be one of " + FER2013_SPLITS + ", got '" + split + "'");
        }
        return classFolders(root.resolve(split));
    }

    /** CK+48's images (contempt left out). @throws IllegalArgumentException as {@link #fer2013} */
    public static List<LabelledImage> ckPlus48(Path root) {
        return classFolders(root);
    }

    /** Every image in the class folders directly under {@code dir}, sorted by class folder then file name. */
    private static List<LabelledImage> classFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory of class folders");
        }
        List<LabelledImage> out = new ArrayList<>();
        try (Stream<Path> classes = Files.list(dir)) {
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                Optional<Emotion> e;
                try {
                    e = emotionOfFolder(c.getFileName().toString());
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(c + ": " + bad.getMessage(), bad);
                }
                if (e.isEmpty()) {
                    continue;
                }
                try (Stream<Path> files = Files.list(c)) {
                    files.filter(Files::isRegularFile)
                            .filter(f -> isImage(f.getFileName().toString()) && !isAugmentedCopy(f.getFileName().toString()))
                            .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                            .forEach(f -> out.add(new LabelledImage(f, e.get())));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot list " + dir, ex);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no face images in class folders under " + dir);
        }
        return List.copyOf(out);
    }

    private static boolean isImage(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }
}
