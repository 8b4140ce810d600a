package org.affect4j.vision.io;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.affect4j.core.MediaException;
import org.affect4j.core.io.InputFiles;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes any container FFmpeg reads (mp4, avi, mpg, mkv, …) with JavaCV: video frames as {@link BgrImage} with
 * their presentation timestamps, and the audio track as mono float PCM (channels averaged) at its own rate.
 * Only the requested time window is kept. JavaCV reuses its frame buffers between grabs, so every frame is
 * copied before the next grab. Stateless and thread-safe (each call opens its own grabber).
 */
public final class VideoDecoder {

    /** One decoded frame. */
    public record TimedFrame(double seconds, BgrImage image) {
    }

    /** The decoded window: frames in order, the stream's frame rate, and the audio (null when there is none). */
    public record Decoded(Path source, List<TimedFrame> frames, double frameRate, int width, int height,
                          float[] audio, int audioRate, double durationSeconds) {
        public Decoded {
            frames = Collections.unmodifiableList(new ArrayList<>(frames));
        }

        public boolean hasAudio() {
            return audio != null && audioRate > 0;
        }
    }

    /**
     * Largest frame accepted, in pixels (64 megapixels, e.g. 8192×8192; 8K UHD is 33 MP): a header claiming more is
     * refused before any frame is decoded, so a hostile file cannot make one frame take gigabytes.
     */
    public static final long MAX_FRAME_PIXELS = 64L << 20;

    /** How far before a window a seek lands, so the key frame before it is decoded too. */
    private static final double SEEK_MARGIN = 1.0;

    static {
        FfmpegLog.install(); // FFmpeg's format dumps and warnings go to SLF4J, not raw stderr
    }

    private VideoDecoder() {
    }

    /** Stream facts read from the container header, without decoding frames. */
    public record Info(double durationSeconds, double frameRate, int width, int height, boolean hasAudio) {
    }

    /** Opens the file and reads its duration, frame rate, size and whether it has an audio track. */
    public static Info probe(Path file) {
        InputFiles.requireRegular(file, MediaException::new);
        FfmpegErrors.requireNotImage(file);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            try {
                g.start();
            } catch (FrameGrabber.Exception e) {
                throw new MediaException(file, "cannot open as media: " + FfmpegErrors.reason(e), e);
            }
            requireFrameSize(file, g.getImageWidth(), g.getImageHeight());
            return new Info(g.getLengthInTime() / 1e6, g.getFrameRate(), g.getImageWidth(), g.getImageHeight(), g.getAudioChannels() > 0);
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(file, "cannot read: " + FfmpegErrors.reason(e), e);
        }
    }

    /**
     * Decodes frames and audio whose timestamps fall in [{@code fromSeconds}, {@code toSeconds}].
     *
     * @throws MediaException naming the file when it is missing, unreadable, or holds no video stream
     */
    public static Decoded decode(Path file, double fromSeconds, double toSeconds, boolean withAudio) {
        Objects.requireNonNull(file, "file");
        if (!(toSeconds >= fromSeconds) || fromSeconds < 0) {
            throw new IllegalArgumentException("invalid window [" + fromSeconds + ", " + toSeconds + "]");
        }
        InputFiles.requireRegular(file, MediaException::new);
        FfmpegErrors.requireNotImage(file);
        List<TimedFrame> frames = new ArrayList<>();
        FloatArray audio = new FloatArray();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.setSampleMode(FrameGrabber.SampleMode.FLOAT);
            try {
                g.start();
            } catch (FrameGrabber.Exception e) {
                throw new MediaException(file, "cannot open as video: " + FfmpegErrors.reason(e), e);
            }
            if (fromSeconds > SEEK_MARGIN) {
                // seek a little before the window (to a key frame at or before it); frames before the window are skipped
                g.setTimestamp(Math.round((fromSeconds - SEEK_MARGIN) * 1e6));
            }
            if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
                throw new MediaException(file, "no video stream");
            }
            requireFrameSize(file, g.getImageWidth(), g.getImageHeight());
            requireWindowFits(file, g, fromSeconds, toSeconds);
            boolean audioWanted = withAudio && g.getAudioChannels() > 0;
            int audioRate = audioWanted ? g.getSampleRate() : 0;
            long audioSamplesSeen = 0;
            double audioBase = Double.NaN; // stream time of the first audio sample decoded
            Frame f;
            while ((f = g.grab()) != null) {
                double t = f.timestamp / 1e6;
                if (f.image != null) {
                    if (t > toSeconds + 1e-9) {
                        if (!audioWanted || (!Double.isNaN(audioBase) && audioBase + audioSamplesSeen / (double) audioRate > toSeconds)) {
                            break;
                        }
                        continue;
                    }
                    if (t >= fromSeconds - 1e-9) {
                        frames.add(new TimedFrame(t, copyImage(f)));
                    }
                } else if (f.samples != null && audioWanted) {
                    float[] mono = mono(f);
                    if (Double.isNaN(audioBase)) {
                        audioBase = t;
                    }
                    // sample index on the stream's audio clock, as librosa counts samples: [round(from·sr), round(to·sr))
                    long start = Math.round(audioBase * audioRate) + audioSamplesSeen;
                    audioSamplesSeen += mono.length;
                    long from = Math.round(fromSeconds * audioRate);
                    long to = Math.round(toSeconds * audioRate);
                    for (int i = 0; i < mono.length; i++) {
                        long idx = start + i;
                        if (idx >= from && idx < to) {
                            audio.add(mono[i]);
                        }
                    }
                }
            }
            double duration = g.getLengthInTime() / 1e6;
            if (frames.isEmpty() && g.getLengthInFrames() == 0) {
                throw new MediaException(file, "the video stream holds no frames");
            }
            return new Decoded(file, frames, g.getFrameRate(), g.getImageWidth(), g.getImageHeight(),
                    audioWanted ? audio.toArray() : null, audioRate, duration);
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(file, "decoding failed: " + FfmpegErrors.reason(e), e);
        }
    }

    /**
     * The window's frames are held in memory (BGR bytes): refuse, before decoding, a window whose frames would need
     * more than three quarters of the heap, where decoding would end in an OutOfMemoryError (decode long media window by
     * window, as timelines do).
     */
    private static void requireWindowFits(Path file, FFmpegFrameGrabber g, double fromSeconds, double toSeconds) {
        double duration = g.getLengthInTime() > 0 ? g.getLengthInTime() / 1e6 : Double.POSITIVE_INFINITY;
        double seconds = Math.max(0, Math.min(toSeconds, duration) - fromSeconds);
        double fps = g.getFrameRate() > 0 && Double.isFinite(g.getFrameRate()) ? g.getFrameRate() : 30;
        double bytes = Math.ceil(seconds * fps + 1) * 3.0 * g.getImageWidth() * g.getImageHeight();
        long heap = Runtime.getRuntime().maxMemory();
        if (heap != Long.MAX_VALUE && bytes > heap * 0.75) {
            throw new MediaException(file, String.format(java.util.Locale.ROOT, "decoding %.1f s of %dx%d video at %.1f fps needs about %.0f MB"
                    + " of frames, more than three quarters of this JVM's heap (%d MB, -Xmx); decode shorter windows (timelines do)", seconds,
                    g.getImageWidth(), g.getImageHeight(), fps, bytes / 1e6, heap >> 20));
        }
    }

    private static void requireFrameSize(Path file, int width, int height) {
        if ((long) width * height > MAX_FRAME_PIXELS) {
            throw new MediaException(file, "video frames of " + width + "x" + height + " pixels exceed the " + MAX_FRAME_PIXELS
                    + "-pixel limit (VideoDecoder.MAX_FRAME_PIXELS)");
        }
    }

    private static BgrImage copyImage(Frame f) {
        int w = f.imageWidth;
        int h = f.imageHeight;
        int stride = f.imageStride;
        ByteBuffer src = (ByteBuffer) f.image[0];
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            ByteBuffer row = src.duplicate();
            ((Buffer) row).position(y * stride);
            row.get(out, y * w * 3, w * 3);
        }
        return BgrImage.wrap(w, h, out);
    }

    private static float[] mono(Frame f) {
        int channels = Math.max(1, f.audioChannels);
        if (f.samples.length == 1) { // interleaved
            FloatBuffer b = ((FloatBuffer) f.samples[0]).duplicate();
            int n = b.remaining() / channels;
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                float s = 0;
                for (int c = 0; c < channels; c++) {
                    s += b.get();
                }
                out[i] = s / channels;
            }
            return out;
        }
        FloatBuffer[] planes = new FloatBuffer[f.samples.length];
        for (int c = 0; c < planes.length; c++) {
            planes[c] = ((FloatBuffer) f.samples[c]).duplicate();
        }
        int n = planes[0].remaining();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float s = 0;
            for (FloatBuffer p : planes) {
                s += p.get(i + p.position());
            }
            out[i] = s / planes.length;
        }
        return out;
    }

    /** Growable float array. */
    private static final class FloatArray {
        private float[] data = new float[1 << 16];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
