package org.affect4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.Clip;
import org.affect4j.core.MediaException;
import org.affect4j.core.Prediction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAV with a valid header and 1 GiB of (sparse) samples: {@code predict} reads only its window and answers; decoding
 * the whole file is refused up front. Tagged "small-heap": run by Surefire with {@code -Xmx256m}, where reading the
 * file whole would die with an OutOfMemoryError.
 */
@Tag("small-heap")
class LargeWavTest {

    @TempDir
    Path tmp;

    /** 16-bit mono 48 kHz: a 5 s tone, then silence up to {@code dataBytes} (sparse on disk). */
    private static Path wav(Path file, long dataBytes) throws Exception {
        int rate = 48_000;
        ByteBuffer head = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        head.put("RIFF".getBytes()).putInt((int) Math.min(0xffffffffL, 36 + dataBytes)).put("WAVE".getBytes());
        head.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        head.put("data".getBytes()).putInt((int) dataBytes);
        ByteBuffer tone = ByteBuffer.allocate(5 * rate * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 5 * rate; i++) {
            double t = i / (double) rate;
            tone.putShort((short) (8000 * Math.sin(2 * Math.PI * (180 + 40 * Math.sin(3 * t)) * t)));
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(head.array());
            f.write(tone.array(), 0, (int) Math.min(tone.capacity(), dataBytes));
            f.setLength(44 + dataBytes);
        }
        return file;
    }

    @Test
    void predictOnA1GiBWavReadsOnlyItsWindow() throws Exception {
        Path big = wav(tmp.resolve("big.wav"), (1L << 30) - 64);
        Path small = wav(tmp.resolve("small.wav"), 8L * 48_000 * 2);   // longer than the default model's 6 s window
        System.out.printf("1 GiB WAV (%d bytes, sparse), heap %d MB%n", Files.size(big), Runtime.getRuntime().maxMemory() >> 20);
        try (SpeechModel model = SpeechModelArchive.fromArchive(SpeechModelArchive.readDefault(), 32, SpeechModel.DEFAULT_SILENCE_PEAK,
                org.affect4j.core.nn.InferenceEngine.EAGER)) {
            long t0 = System.nanoTime();
            Prediction p = model.predict(Clip.of(big));
            System.out.printf("predict on the 1 GiB WAV: %s in %.0f ms%n", p, (System.nanoTime() - t0) / 1e6);
            // exact by construction: the window holds the same samples, through the same code at batch 1
            assertArrayEquals(model.predict(Clip.of(small)).logits(), p.logits(), 0f);
        }
        // heap-dependent: decoding the whole file is refused when it would need more than half of a small heap
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() <= 512L << 20,
                "runs in the small-heap Surefire execution (-Xmx256m)");
        MediaException e = assertThrows(MediaException.class, () -> WavDecoder.decode(big));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("big.wav") && e.getMessage().contains("too large to decode whole"), e.getMessage());
    }
}
