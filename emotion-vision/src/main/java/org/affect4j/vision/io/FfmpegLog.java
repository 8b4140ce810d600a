package org.affect4j.vision.io;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's own log (the {@code Input #0 …} format dump of every opened file, decoder warnings) through SLF4J
 * instead of raw stderr: errors at WARN, everything else at DEBUG (logger {@code org.affect4j.vision.io.ffmpeg}).
 * FFmpeg's log callback is process-wide; it is installed once, when this library first opens media.
 */
final class FfmpegLog extends LogCallback {

    private static final Logger LOG = LoggerFactory.getLogger("org.affect4j.vision.io.ffmpeg");
    /** Held so the native callback is never garbage-collected. */
    private static final FfmpegLog INSTANCE = new FfmpegLog();

    static {
        avutil.setLogCallback(INSTANCE);
    }

    private FfmpegLog() {
    }

    /** Installs the callback (idempotent: class initialisation runs once). */
    static void install() {
        // class initialisation did the work
    }

    @Override
    public void call(int level, BytePointer msg) {
        if (level > avutil.AV_LOG_INFO) {
            return; // FFmpeg's verbose/debug/trace chatter
        }
        String line = msg.getString().stripTrailing();
        if (line.isEmpty()) {
            return;
        }
        if (level <= avutil.AV_LOG_ERROR) {
            LOG.warn("ffmpeg: {}", line);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("ffmpeg: {}", line);
        }
    }
}
