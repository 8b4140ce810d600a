package org.affect4j.audio.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.affect4j.audio.SpeechFixtures;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.testing.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MelFeatureCacheTest {

    @Test
    void storesReadsBackAndRecomputesCorruptEntries(@TempDir Path tmp) throws Exception {
        String clip = "03-01-04-01-02-02-02";
        Path wav = SpeechFixtures.wav(clip);
        MelFeatureCache cache = new MelFeatureCache(tmp, SpeechInput.seed(null));
        float[] first = cache.melDb(wav);
        assertTrue(Files.isRegularFile(cache.entry(wav)));
        double err = Npy.maxAbsDiff(first, Npy.read(SpeechFixtures.fixture(clip, "mel_db")).toFloats());
        assertTrue(err < 1e-3, "cached mel equals the seed's mel_db: " + err);
        assertArrayEquals(first, cache.melDb(wav), 0f);
        // a truncated entry is not trusted
        byte[] b = Files.readAllBytes(cache.entry(wav));
        Files.write(cache.entry(wav), java.util.Arrays.copyOf(b, b.length / 2));
        assertArrayEquals(first, cache.melDb(wav), 0f);
        // another pipeline (offset 0) gets its own entry
        MelFeatureCache other = new MelFeatureCache(tmp, SpeechInput.seed(null).withOffset(0));
        assertNotEquals(cache.entry(wav), other.entry(wav));
    }
}
