package org.affect4j.vision.data;

import org.affect4j.vision.au.ActionUnits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.checkpoint.NumpyArray;
import org.affect4j.core.checkpoint.PickleException;
import org.affect4j.core.checkpoint.SafeUnpickler;
import org.affect4j.core.io.InputFiles;
import org.affect4j.core.ravdess.RavdessFileName;

/**
 * Clip-level OpenFace action units of the RAVDESS clips, from the {@code au_mfcc.pkl} feature file (see
 * {@code ../shared/data/ravdess-au/README.md}): a pickled {@code dict} from RAVDESS clip name
 * ({@code 01-01-EE-II-SS-RR-AA}, full-AV modality) to a float64 numpy array whose first {@link ActionUnits#COUNT}
 * values are the clip's mean action units (the rest, MFCC-derived audio values, are not used). Read with the
 * library's {@link SafeUnpickler} (nothing in the file is executed). The same clip's audio-only WAV
 * ({@code 03-01-…}) finds its entry through {@link #of(RavdessFileName)}. Immutable.
 */
public final class RavdessActionUnits {

    /** Largest feature file read (the RAVDESS one is 3.5 MB). */
    public static final long MAX_BYTES = 64L << 20;

    private final Path source;
    private final Map<String, ActionUnits> clips;

    private RavdessActionUnits(Path source, Map<String, ActionUnits> clips) {
        this.source = source;
        this.clips = Collections.unmodifiableMap(clips);
    }

    /**
     * @throws CheckpointException naming the file: missing, not regular, too large, not a safe pickle, not a dict of
     *                             RAVDESS names to numeric arrays of at least 35 finite values
     */
    public static RavdessActionUnits read(Path pickle) {
        InputFiles.requireRegular(pickle, CheckpointException::new);
        byte[] data;
        try {
            long size = Files.size(pickle);
            if (size > MAX_BYTES) {
                throw new CheckpointException(pickle, "action-unit feature file is " + size + " bytes, over the " + MAX_BYTES + "-byte limit");
            }
            data = Files.readAllBytes(pickle);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(pickle, "file not found");
        } catch (IOException e) {
            throw new CheckpointException(pickle, "cannot read: " + e.getMessage(), e);
        }
        Object root;
        try {
            root = SafeUnpickler.loads(data);
        } catch (PickleException e) {
            throw new CheckpointException(pickle, e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> dict)) {
            throw new CheckpointException(pickle, "expected a pickled dict of clip name -> numpy array, found " + SafeUnpickler.describe(root));
        }
        Map<String, ActionUnits> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String name) || !RavdessFileName.isRavdessName(name)) {
                throw new CheckpointException(pickle, "key " + SafeUnpickler.describe(e.getKey()) + " is not a RAVDESS clip name");
            }
            if (!(e.getValue() instanceof NumpyArray a) || a.shape().length != 1 || a.size() < ActionUnits.COUNT) {
                throw new CheckpointException(pickle, "entry " + name + " is not a 1-D numpy array of at least " + ActionUnits.COUNT
                        + " values: " + SafeUnpickler.describe(e.getValue()));
            }
            double[] v = a.toDoubleArray();
            float[] au = new float[ActionUnits.COUNT];
            for (int i = 0; i < au.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new CheckpointException(pickle, "entry " + name + ": " + ActionUnits.NAMES.get(i) + " is " + v[i]);
                }
                au[i] = (float) v[i];
            }
            if (out.put(key(RavdessFileName.parse(name)), ActionUnits.of(au, 0)) != null) {
                throw new CheckpointException(pickle, "two entries for the clip of " + name);
            }
        }
        if (out.isEmpty()) {
            throw new CheckpointException(pickle, "no clips in the action-unit feature file");
        }
        return new RavdessActionUnits(pickle, out);
    }

    /** The clip's key: its name without the modality field (audio-only and full-AV files of one clip share it). */
    static String key(RavdessFileName n) {
        return String.format("%02d-%02d-%02d-%02d-%02d-%02d", n.vocalChannel(), n.emotion().ravdessCode(), n.intensity(),
                n.statement(), n.repetition(), n.actor());
    }

    /** The action units of the clip named {@code name} (any modality: {@code 03-01-05-…} finds {@code 01-01-05-…}). */
    public Optional<ActionUnits> of(RavdessFileName name) {
        return Optional.ofNullable(clips.get(key(name)));
    }

    /** Number of clips. */
    public int size() {
        return clips.size();
    }

    public Path source() {
        return source;
    }
}
