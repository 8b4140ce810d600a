package org.affect4j.vision.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.affect4j.core.MediaException;

/**
 * What a user can act on, from JavaCV / FFmpeg failures: FFmpeg's error code as words instead of
 * {@code avformat_open_input() error -1094995529: … (Has setFormat() been called?) (For more details, make sure
 * FFmpegLogCallback.set() has been called.)} — JavaCV's hints are for JavaCV's developers. Also spots still images
 * given as videos (FFmpeg would decode them as one-frame videos). Stateless.
 */
final class FfmpegErrors {

    private static final Pattern CODE = Pattern.compile("error (-?\\d+)");
    /** FFmpeg's AVERROR codes that opening or reading a file can give, as a user would put them. */
    private static final Map<Integer, String> CODES = Map.of(
            -1094995529, "not a media file FFmpeg can read (invalid data: a corrupt file, or one of another kind renamed)",
            -1330794744, "FFmpeg found no decoder for its streams (unsupported codec)",
            -1179861752, "FFmpeg found no demuxer for this format",
            -541478725, "the file ended before any frame (empty or truncated)",
            -2, "file not found",
            -13, "permission denied",
            -5, "input/output error while reading");

    private FfmpegErrors() {
    }

    /** The cause as words: a known FFmpeg error code's meaning, else JavaCV's message without its developer hints. */
    static String reason(Exception e) {
        String m = String.valueOf(e.getMessage());
        Matcher c = CODE.matcher(m);
        if (c.find()) {
            try {
                String known = CODES.get(Integer.parseInt(c.group(1)));
                if (known != null) {
                    return known;
                }
            } catch (NumberFormatException ignored) {
                // not an int: fall through to the cleaned message
            }
        }
        return m.replaceAll("\\s*\\(Has setFormat\\(\\) been called[^)]*\\)", "")
                .replaceAll("\\s*\\(For more details, make sure FFmpegLogCallback\\.set\\(\\) has been called\\.\\)", "")
                .strip();
    }

    /**
     * Refuses a still image given where a video is expected, naming its format.
     *
     * @throws MediaException if the file starts like a JPEG, PNG, GIF, BMP or WebP image
     */
    static void requireNotImage(Path file) {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return; // FFmpeg's own open reports unreadable files
        }
        String kind = imageKind(head, n);
        if (kind != null) {
            throw new MediaException(file, "is a " + kind + " image, not a video (whatever its name says): read still images with"
                    + " ImageFiles.read and classify faces in them with the face models");
        }
    }

    /** "JPEG", "PNG", "GIF", "BMP", "WebP", or null. */
    static String imageKind(byte[] h, int n) {
        if (n >= 3 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8 && (h[2] & 0xff) == 0xFF) {
            return "JPEG";
        }
        if (n >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') {
            return "PNG";
        }
        if (n >= 6 && h[0] == 'G' && h[1] == 'I' && h[2] == 'F' && h[3] == '8') {
            return "GIF";
        }
        if (n >= 12 && h[0] == 'R' && h[1] == 'I' && h[2] == 'F' && h[3] == 'F' && h[8] == 'W' && h[9] == 'E' && h[10] == 'B' && h[11] == 'P') {
            return "WebP";
        }
        if (n >= 2 && h[0] == 'B' && h[1] == 'M' && n >= 6) {
            return "BMP";
        }
        return null;
    }
}
