package org.affect4j.audio.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.affect4j.core.MediaException;
import org.affect4j.core.io.InputFiles;

/**
 * Decodes RIFF/WAVE files to mono float samples, as librosa 0.9.1 (through libsndfile) reads them:
 * PCM 8-bit (unsigned, (v−128)/128), 16/24/32-bit (v / 2^(bits−1)), IEEE float 32/64, also inside
 * WAVE_FORMAT_EXTENSIBLE; several channels are averaged to mono ({@code librosa.to_mono}). Every header field
 * is validated: truncated, oversized or unsupported files fail with a {@link MediaException} naming the file
 * and the problem. Stateless and thread-safe.
 */
public final class WavDecoder {

    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;
    /** Refuse files above this size (1 GiB ≈ 3 hours of 48 kHz 16-bit stereo); longer media should be streamed. */
    public static final long MAX_BYTES = 1L << 30;

    private WavDecoder() {
    }

    public static AudioSignal decode(Path file) {
        InputFiles.requireRegular(file, MediaException::new);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new MediaException(file, "WAV file of " + size + " bytes exceeds the " + MAX_BYTES + "-byte limit");
            }
            long heap = Runtime.getRuntime().maxMemory();
            if (heap != Long.MAX_VALUE && size * 3 > heap / 2) { // the bytes, then up to twice as many bytes of float samples
                throw new MediaException(file, "WAV file of " + size + " bytes is too large to decode whole in this JVM's heap ("
                        + heap + " bytes, -Xmx); predict reads only its window, timelines stream: use those, or WavDecoder.window");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MediaException(file, "file not found");
        } catch (IOException e) {
            throw new MediaException(file, "cannot read: " + e.getMessage(), e);
        }
        return decode(bytes, file);
    }

    /** The fields of a WAV header that decoding needs, validated. */
    public record Header(int format, int channels, int sampleRate, int bits, int dataStart, long dataBytes) {
        public int blockAlign() {
            return channels * bits / 8;
        }

        /** Number of sample frames (one sample per channel) in the data chunk. */
        public long frames() {
            return dataBytes / blockAlign();
        }

        public double durationSeconds() {
            return frames() / (double) sampleRate;
        }
    }

    /** Decodes WAV bytes; {@code source} only names them in errors and results (nullable). */
    public static AudioSignal decode(byte[] bytes, Path source) {
        Header h = header(bytes, bytes.length, source);
        int frames = (int) h.frames();
        return AudioSignal.wrap(convert(bytes, h.dataStart(), frames, h, source, 0), h.sampleRate(), source);
    }

    /** Reads and validates only the header of a WAV file. */
    public static Header header(Path file) {
        InputFiles.requireRegular(file, MediaException::new);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
            while (head.hasRemaining() && ch.read(head) > 0) {
                // fill
            }
            return header(head.array(), size, file);
        } catch (NoSuchFileException e) {
            throw new MediaException(file, "file not found");
        } catch (IOException e) {
            throw new MediaException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes only [{@code fromSeconds}, {@code fromSeconds + seconds}) of a WAV file (cut as librosa does:
     * round(rate × offset), round(rate × duration)), reading just those bytes — for long recordings.
     */
    public static AudioSignal window(Path file, double fromSeconds, double seconds) {
        if (fromSeconds < 0 || seconds < 0) {
            throw new IllegalArgumentException("window must be non-negative");
        }
        Header h = header(file);
        long first = Math.min(h.frames(), Math.round(fromSeconds * h.sampleRate()));
        long count = Math.min(h.frames() - first, Math.round(seconds * h.sampleRate()));
        byte[] data = new byte[Math.toIntExact(count * h.blockAlign())];
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            long pos = h.dataStart() + first * h.blockAlign();
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos + buf.position());
                if (n < 0) {
                    throw new MediaException(file, "file ended inside the data chunk (truncated)");
                }
            }
        } catch (IOException e) {
            throw new MediaException(file, "cannot read: " + e.getMessage(), e);
        }
        return AudioSignal.wrap(convert(data, 0, (int) count, h, file, first), h.sampleRate(), file);
    }

    /** Parses the header from the first bytes of a file of {@code fileSize} bytes. */
    static Header header(byte[] bytes, long fileSize, Path source) {
        if (bytes.length == 0) {
            throw new MediaException(source, "empty file, not a WAV");
        }
        if (bytes.length < 12) {
            throw new MediaException(source, "truncated WAV header (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!tag(b, 0, "RIFF") || !tag(b, 8, "WAVE")) {
            throw new MediaException(source, "not a RIFF/WAVE file");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int blockAlign = 0;
        int bits = 0;
        int dataStart = -1;
        long dataLen = -1;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long len = b.getInt(pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (len < 16 || body + len > bytes.length) {
                    throw new MediaException(source, "truncated or invalid 'fmt ' chunk");
                }
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2) & 0xffff;
                rate = b.getInt(body + 4);
                blockAlign = b.getShort(body + 12) & 0xffff;
                bits = b.getShort(body + 14) & 0xffff;
                if (format == EXTENSIBLE) {
                    if (len < 40) {
                        throw new MediaException(source, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk too short");
                    }
                    format = b.getShort(body + 24) & 0xffff; // first two bytes of the sub-format GUID
                }
            } else if (id.equals("data")) {
                dataStart = body;
                dataLen = len;
                break;
            }
            long next = body + len + (len & 1);
            if (next > bytes.length) {
                break;
            }
            pos = (int) next;
        }
        if (format < 0) {
            throw new MediaException(source, "no 'fmt ' chunk before the data (truncated header?)");
        }
        if (dataStart < 0) {
            throw new MediaException(source, "no 'data' chunk (truncated file?)");
        }
        if (channels == 0) {
            throw new MediaException(source, "WAV declares zero channels");
        }
        if (rate <= 0) {
            throw new MediaException(source, "WAV declares an invalid sample rate " + (rate & 0xffffffffL));
        }
        if (format != PCM && format != IEEE_FLOAT) {
            throw new MediaException(source, "unsupported WAV encoding (format tag " + format
                    + "); supported: PCM 8/16/24/32-bit and IEEE float 32/64");
        }
        boolean okBits = format == PCM ? (bits == 8 || bits == 16 || bits == 24 || bits == 32) : (bits == 32 || bits == 64);
        if (!okBits) {
            throw new MediaException(source, "unsupported " + (format == PCM ? "PCM" : "float") + " sample width of " + bits + " bits");
        }
        int bytesPerSample = bits / 8;
        if (blockAlign != bytesPerSample * channels) {
            throw new MediaException(source, "inconsistent header: block align " + blockAlign + " for " + channels + " channels of " + bits + " bits");
        }
        long available = fileSize - dataStart;
        if (dataLen > available) {
            throw new MediaException(source, "data chunk declares " + dataLen + " bytes but the file holds only " + available
                    + " after the header (truncated file)");
        }
        return new Header(format, channels, rate, bits, dataStart, dataLen);
    }

    /**
     * Converts {@code frames} sample frames starting at {@code offset} to mono float (channels averaged). A float WAV's
     * NaN or infinite sample is refused here, naming the file and where: it would otherwise poison every feature and
     * logit downstream. {@code firstFrame} is the file's frame index of the first converted frame (for the message).
     */
    private static float[] convert(byte[] bytes, int offset, int frames, Header h, Path source, long firstFrame) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int bytesPerSample = h.bits() / 8;
        int blockAlign = h.blockAlign();
        int channels = h.channels();
        float[] mono = new float[frames];
        for (int f = 0; f < frames; f++) {
            int at = offset + f * blockAlign;
            if (channels == 1) {
                mono[f] = sample(b, at, h.format(), h.bits());
            } else {
                // numpy mean over the channel axis of a float32 array
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += sample(b, at + c * bytesPerSample, h.format(), h.bits());
                }
                mono[f] = sum / channels;
            }
            if (h.format() == IEEE_FLOAT && !Float.isFinite(mono[f])) {
                long frame = firstFrame + f;
                throw new MediaException(source, String.format(java.util.Locale.ROOT,
                        "float WAV holds a non-finite sample (%s) at frame %d (%.3f s): not audio a model can score",
                        nonFinite(b, at(offset, f, blockAlign), h), frame, frame / (double) h.sampleRate()));
            }
        }
        return mono;
    }

    private static int at(int offset, int frame, int blockAlign) {
        return offset + frame * blockAlign;
    }

    /** "NaN", "+Inf" or "-Inf": the first non-finite channel sample of the frame at {@code at}. */
    private static String nonFinite(ByteBuffer b, int at, Header h) {
        for (int c = 0; c < h.channels(); c++) {
            float v = sample(b, at + c * h.bits() / 8, h.format(), h.bits());
            if (Float.isNaN(v)) {
                return "NaN";
            }
            if (Float.isInfinite(v)) {
                return v > 0 ? "+Inf" : "-Inf";
            }
        }
        return "a channel average beyond the float range";
    }

    private static float sample(ByteBuffer b, int at, int format, int bits) {
        if (format == IEEE_FLOAT) {
            return bits == 32 ? b.getFloat(at) : (float) b.getDouble(at);
        }
        return switch (bits) {
            case 8 -> ((b.get(at) & 0xff) - 128) / 128f;
            case 16 -> b.getShort(at) / 32768f;
            case 24 -> ((b.get(at) & 0xff) | ((b.get(at + 1) & 0xff) << 8) | (b.get(at + 2) << 16)) / 8388608f;
            default -> (float) (b.getInt(at) / 2147483648.0);
        };
    }

    private static boolean tag(ByteBuffer b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (b.get(at + i) != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
