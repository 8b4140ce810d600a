package org.affect4j.audio.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.affect4j.core.MediaException;

/**
 * Writes mono 16-bit PCM WAV files (RIFF, little-endian), the format {@link WavDecoder} reads: samples are clipped to
 * [-1, 1], scaled by 32768 (the decoder's divisor, as libsndfile does) and rounded, +1.0 saturating at 32767. Stateless and thread-safe.
 */
public final class WavEncoder {

    private WavEncoder() {
    }

    /**
     * @throws MediaException naming the file when it cannot be written or the signal is too long for a WAV
     */
    public static void write(AudioSignal signal, Path file) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(file, "file");
        long dataBytes = 2L * signal.length();
        if (dataBytes > Integer.MAX_VALUE - 44L) {
            throw new MediaException(file, "signal of " + signal.length() + " samples is too long for a WAV file");
        }
        ByteBuffer b = ByteBuffer.allocate(44 + (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + (int) dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(signal.sampleRate()).putInt(signal.sampleRate() * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        for (int i = 0; i < signal.length(); i++) {
            float v = Math.max(-1f, Math.min(1f, signal.sample(i)));
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768f))));
        }
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new MediaException(file, "cannot write WAV: " + e.getMessage(), e);
        }
    }
}
