package org.affect4j.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.affect4j.core.MediaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavDecoderTest {

    /** Builds a WAV: header fields as given, then {@code data}; {@code declaredDataLen} may lie. */
    static byte[] wav(int format, int channels, int rate, int bits, byte[] data, long declaredDataLen) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes()).putInt((int) declaredDataLen).put(data);
        return b.array();
    }

    static byte[] pcm16(short... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : v) {
            b.putShort(s);
        }
        return b.array();
    }

    @Test
    void aNamedPipeOrADirectoryIsRefusedAtOnce(@TempDir Path dir) throws Exception {
        Path fifo = org.affect4j.testing.Fifo.make(dir, "mic.wav");
        org.affect4j.testing.Fifo.assertRefusedAtOnce(MediaException.class,
                java.util.Map.of("WavDecoder.decode", WavDecoder::decode, "WavDecoder.header", WavDecoder::header), fifo, dir);
    }

    @Test
    void decodesEveryPcmWidthAndFloat() {
        byte[] d16 = pcm16((short) -32768, (short) 16384, (short) 0);
        float[] s = WavDecoder.decode(wav(1, 1, 16000, 16, d16, d16.length), null).samples();
        assertEquals(-1f, s[0]);
        assertEquals(0.5f, s[1]);
        assertEquals(0f, s[2]);
        byte[] d8 = {0, (byte) 128, (byte) 192};
        s = WavDecoder.decode(wav(1, 1, 8000, 8, d8, 3), null).samples();
        assertEquals(-1f, s[0]);
        assertEquals(0f, s[1]);
        assertEquals(0.5f, s[2]);
        byte[] d24 = {0, 0, (byte) 0x80, 0, 0, 0x40}; // -2^23, +2^22
        s = WavDecoder.decode(wav(1, 1, 48000, 24, d24, 6), null).samples();
        assertEquals(-1f, s[0]);
        assertEquals(0.5f, s[1]);
        ByteBuffer d32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE).putInt(1 << 29);
        s = WavDecoder.decode(wav(1, 1, 48000, 32, d32.array(), 8), null).samples();
        assertEquals(-1f, s[0]);
        assertEquals(0.25f, s[1]);
        ByteBuffer f32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.125f).putFloat(-0.75f);
        s = WavDecoder.decode(wav(3, 1, 22050, 32, f32.array(), 8), null).samples();
        assertEquals(0.125f, s[0]);
        assertEquals(-0.75f, s[1]);
        ByteBuffer f64 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.375);
        AudioSignal sig = WavDecoder.decode(wav(3, 1, 44100, 64, f64.array(), 8), null);
        assertEquals(0.375f, sig.sample(0));
        assertEquals(44100, sig.sampleRate());
    }

    /** A float WAV holding NaN or Inf is refused at decoding, naming the file, the value and where it is. */
    @Test
    void nonFiniteFloatSamplesAreRefusedNamingTheFileAndWhere(@TempDir Path tmp) throws Exception {
        ByteBuffer f32 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(0.1f).putFloat(0.2f).putFloat(0.3f).putFloat(Float.NaN);
        Path nan = tmp.resolve("nan.wav");
        Files.write(nan, wav(3, 1, 8000, 32, f32.array(), 16));
        MediaException e = assertThrows(MediaException.class, () -> WavDecoder.decode(nan));
        assertTrue(e.getMessage().contains("nan.wav") && e.getMessage().contains("non-finite sample (NaN) at frame 3 (0.000 s)"),
                e.getMessage());
        // stereo, +Inf in the right channel of frame 8000 (1 s); the window reader refuses it too, with the file's frame
        ByteBuffer st = ByteBuffer.allocate(8 * 8001).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8001; i++) {
            st.putFloat(0f).putFloat(i == 8000 ? Float.POSITIVE_INFINITY : 0f);
        }
        Path inf = tmp.resolve("inf.wav");
        Files.write(inf, wav(3, 2, 8000, 32, st.array(), 8 * 8001));
        e = assertThrows(MediaException.class, () -> WavDecoder.decode(inf));
        assertTrue(e.getMessage().contains("inf.wav") && e.getMessage().contains("(+Inf) at frame 8000 (1.000 s)"), e.getMessage());
        e = assertThrows(MediaException.class, () -> WavDecoder.window(inf, 0.5, 1.0));
        assertTrue(e.getMessage().contains("at frame 8000 (1.000 s)"), e.getMessage());
        assertEquals(4000, WavDecoder.window(inf, 0.0, 0.5).samples().length, "a window before the bad sample decodes");
        ByteBuffer f64 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(Double.NEGATIVE_INFINITY);
        e = assertThrows(MediaException.class, () -> WavDecoder.decode(wav(3, 1, 8000, 64, f64.array(), 8), Path.of("d.wav")));
        assertTrue(e.getMessage().contains("(-Inf) at frame 0"), e.getMessage());
    }

    @Test
    void stereoIsAveragedToMonoLikeLibrosa() {
        byte[] d = pcm16((short) 16384, (short) -16384, (short) 32767, (short) 32767);
        AudioSignal s = WavDecoder.decode(wav(1, 2, 48000, 16, d, d.length), null);
        assertEquals(2, s.length());
        assertEquals(0f, s.sample(0));
        assertEquals(32767 / 32768f, s.sample(1));
    }

    @Test
    void malformedFilesFailNamingFileAndProblem(@TempDir Path tmp) throws Exception {
        byte[] d = pcm16((short) 1, (short) 2);
        record Case(String name, byte[] bytes, String expect) {
        }
        byte[] good = wav(1, 1, 48000, 16, d, d.length);
        Case[] cases = {
            new Case("empty.wav", new byte[0], "empty"),
            new Case("header.wav", java.util.Arrays.copyOf(good, 8), "truncated WAV header"),
            new Case("cut-fmt.wav", java.util.Arrays.copyOf(good, 20), "truncated or invalid 'fmt ' chunk"),
            new Case("nofmt.wav", concat(java.util.Arrays.copyOf(good, 12), java.util.Arrays.copyOfRange(good, 36, good.length)), "no 'fmt '"),
            new Case("nodata.wav", java.util.Arrays.copyOf(good, 36), "no 'data'"),
            new Case("oversize.wav", wav(1, 1, 48000, 16, d, 1_000_000), "declares 1000000 bytes"),
            new Case("adpcm.wav", wav(2, 1, 48000, 16, d, d.length), "unsupported WAV encoding"),
            new Case("alaw.wav", wav(6, 1, 48000, 8, d, d.length), "unsupported WAV encoding"),
            new Case("pcm12.wav", wav(1, 1, 48000, 12, d, d.length), "sample width of 12"),
            new Case("zero-channels.wav", wav(1, 0, 48000, 16, d, d.length), "zero channels"),
            new Case("zero-rate.wav", wav(1, 1, 0, 16, d, d.length), "sample rate"),
            new Case("text.wav", "hello, I am not audio at all".getBytes(), "not a RIFF/WAVE"),
        };
        for (Case c : cases) {
            Path f = tmp.resolve(c.name());
            Files.write(f, c.bytes());
            MediaException e = assertThrows(MediaException.class, () -> WavDecoder.decode(f), c.name());
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(c.expect()),
                    c.name() + ": " + e.getMessage());
            assertEquals(f, e.file());
        }
        MediaException e = assertThrows(MediaException.class, () -> WavDecoder.decode(tmp.resolve("missing.wav")));
        assertTrue(e.getMessage().contains("not found"));
    }

    @Test
    void windowReadsOnlyTheRequestedRangeAndEqualsASlice() {
        java.nio.file.Path wav = org.affect4j.audio.SpeechFixtures.wav("03-01-05-02-01-02-02");
        AudioSignal full = WavDecoder.decode(wav);
        AudioSignal win = WavDecoder.window(wav, 0.5, 3.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(full.slice(0.5, 3.0).samples(), win.samples(), 0f);
        WavDecoder.Header h = WavDecoder.header(wav);
        assertEquals(48_000, h.sampleRate());
        assertEquals(full.length(), h.frames());
        assertEquals(0, WavDecoder.window(wav, 100, 3).length(), "a window past the end is empty");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
