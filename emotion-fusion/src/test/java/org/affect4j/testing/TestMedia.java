package org.affect4j.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** Builds test media from the shared clips: longer videos, silent or tone tracks, long WAVs. */
public final class TestMedia {

    private TestMedia() {
    }

    /** Concatenates video files (same size) into one MP4 with their audio (AAC, 44.1 kHz mono). */
    public static Path concatVideos(List<Path> parts, Path out) throws IOException {
        int w;
        int h;
        try (FFmpegFrameGrabber probe = new FFmpegFrameGrabber(parts.get(0).toFile())) {
            probe.start();
            w = probe.getImageWidth();
            h = probe.getImageHeight();
        }
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), w, h, 1)) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setVideoQuality(2);
            rec.setFrameRate(25);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            rec.setSampleRate(44_100);
            rec.setAudioChannels(1);
            rec.start();
            long offset = 0;
            for (Path p : parts) {
                long last = 0;
                try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(p.toFile())) {
                    g.setSampleMode(FrameGrabber.SampleMode.FLOAT);
                    g.setAudioChannels(1);
                    g.start();
                    Frame f;
                    while ((f = g.grab()) != null) {
                        if (f.image != null) {
                            rec.setTimestamp(offset + f.timestamp);
                            rec.record(f);
                        } else if (f.samples != null) {
                            rec.recordSamples(44_100, f.audioChannels, f.samples);
                        }
                        last = Math.max(last, f.timestamp);
                    }
                }
                offset += last + 40_000;
            }
        }
        return out;
    }

    /** A video of black frames, optionally with a 440 Hz tone as its audio track. */
    public static Path blackVideo(Path out, double seconds, boolean withTone) throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), 160, 120, withTone ? 1 : 0)) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setFrameRate(30);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            if (withTone) {
                rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                rec.setSampleRate(48_000);
            }
            rec.start();
            // a Frame's pixels are native memory that JavaCPP does not clear: set them to black explicitly, or the
            // "black" video holds whatever the allocator returned (and a face detector may, now and then, find a face)
            Frame black = new Frame(160, 120, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) black.image[0];
            for (int k = 0; k < pixels.capacity(); k++) {
                pixels.put(k, (byte) 0);
            }
            int frames = (int) Math.round(seconds * 30);
            for (int i = 0; i < frames; i++) {
                rec.record(black, avutil.AV_PIX_FMT_BGR24);
                if (withTone) {
                    float[] tone = new float[1600];
                    for (int k = 0; k < tone.length; k++) {
                        tone[k] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * (i * 1600 + k) / 48_000.0));
                    }
                    rec.recordSamples(48_000, 1, FloatBuffer.wrap(tone));
                }
            }
        }
        return out;
    }

    /** Concatenates 16-bit mono WAVs of one rate into one WAV. */
    public static Path concatWavs(List<Path> parts, Path out) throws IOException {
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        int rate = 0;
        for (Path p : parts) {
            byte[] b = Files.readAllBytes(p);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            rate = bb.getInt(24);
            int pos = 12;
            while (pos + 8 <= b.length) {
                int len = bb.getInt(pos + 4);
                if (new String(b, pos, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("data")) {
                    data.write(b, pos + 8, Math.min(len, b.length - pos - 8));
                    break;
                }
                pos += 8 + len + (len & 1);
            }
        }
        return pcm16Wav(out, rate, data.toByteArray());
    }

    /** A silent 16-bit mono WAV of {@code seconds} at {@code rate}. */
    public static Path silentWav(Path out, int rate, double seconds) throws IOException {
        return pcm16Wav(out, rate, new byte[2 * (int) (rate * seconds)]);
    }

    /** Writes 16-bit mono PCM bytes {@code d} as a WAV. */
    private static Path pcm16Wav(Path out, int rate, byte[] d) throws IOException {
        ByteBuffer hdr = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        hdr.put("RIFF".getBytes()).putInt(36 + d.length).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(d.length);
        Files.write(out, concat(hdr.array(), d));
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
