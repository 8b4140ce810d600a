package org.affect4j.audio.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.io.WavDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A disk cache of unscaled log-mel features (window → mel dB, before any scaler), so training and cross-validation
 * decode and transform each WAV once. Entries are keyed by file name plus a fingerprint of the pre-processing
 * (offset, window, mel parameters): a changed pipeline never reads stale features. Each entry is a small header
 * (magic, rows, columns) and float32 values; writes go to a temporary file and are moved into place, so concurrent
 * writers and interrupted runs never leave a half-written entry that is trusted. Thread-safe.
 */
public final class MelFeatureCache {

    private static final Logger LOG = LoggerFactory.getLogger(MelFeatureCache.class);
    private static final int MAGIC = 0x4d454c31; // "MEL1"

    private final Path dir;
    private final SpeechInput input;
    private final String fingerprint;

    public MelFeatureCache(Path dir, SpeechInput input) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.input = Objects.requireNonNull(input, "input");
        this.fingerprint = Integer.toHexString(Objects.hash(input.frontend().config(), input.offsetSeconds(), input.windowSamples()));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create feature cache " + dir, e);
        }
    }

    /** Where the entry for {@code wav} lives. */
    public Path entry(Path wav) {
        return dir.resolve(wav.getFileName() + "." + fingerprint + ".mel");
    }

    /** Mel dB of {@code wav}'s window, row-major (nMels × frames), from the cache or computed and stored. */
    public float[] melDb(Path wav) {
        Path e = entry(wav);
        int rows = input.nMels();
        int cols = input.frames();
        if (Files.isRegularFile(e)) {
            try {
                byte[] b = Files.readAllBytes(e);
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                if (b.length == 12 + 4L * rows * cols && bb.getInt(0) == MAGIC && bb.getInt(4) == rows && bb.getInt(8) == cols) {
                    float[] out = new float[rows * cols];
                    bb.position(12);
                    bb.asFloatBuffer().get(out);
                    return out;
                }
                LOG.warn("feature cache entry {} is corrupt or of another shape; recomputing", e);
            } catch (IOException ex) {
                LOG.warn("cannot read feature cache entry {}: {}; recomputing", e, ex.getMessage());
            }
        }
        double[] mel = input.melDb(input.window(WavDecoder.decode(wav)));
        float[] out = new float[mel.length];
        ByteBuffer bb = ByteBuffer.allocate(12 + 4 * mel.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(MAGIC).putInt(rows).putInt(cols);
        for (int i = 0; i < mel.length; i++) {
            out[i] = (float) mel[i];
            bb.putFloat(out[i]);
        }
        try {
            Path tmp = Files.createTempFile(dir, wav.getFileName().toString(), ".tmp");
            Files.write(tmp, bb.array());
            try {
                Files.move(tmp, e, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, e, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write feature cache entry " + e, ex);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MelFeatureCache[%s, pipeline %s]", dir, fingerprint);
    }
}
