package org.affect4j.vision.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.affect4j.vision.io.BgrImage;
import org.junit.jupiter.api.Test;

class RgbTensorTest {

    private static RgbTensor random(int h, int w, long seed) {
        Random r = new Random(seed);
        float[] v = new float[h * w * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(256);
        }
        return RgbTensor.of(h, w, 3, v);
    }

    @Test
    void fusedPadAndResizeGivesTheSameNumbersAsTheTwoSteps() {
        // exact: both roads do the same double operations on the same values (the padding is read as 0 in one, stored
        // as 0 in the other), in pure Java
        for (int[] hw : new int[][] {{360, 640}, {640, 360}, {48, 48}, {101, 37}, {5, 9}}) {
            RgbTensor x = random(hw[0], hw[1], hw[0] * 31L + hw[1]);
            for (boolean centred : new boolean[] {false, true}) {
                for (int size : new int[] {112, 416, 64, 7}) {
                    assertArrayEquals(x.padToSquare(centred).resizeBilinear(size, size).values(), x.padToSquareResized(centred, size).values(),
                            0f, hw[0] + "x" + hw[1] + " centred=" + centred + " -> " + size);
                }
            }
        }
    }

    @Test
    void padToSquareFollowsFaceApi() {
        RgbTensor x = random(2, 5, 1); // 3 rows of padding
        RgbTensor after = x.padToSquare(false);
        RgbTensor centred = x.padToSquare(true);
        assertEquals(5, after.height());
        float[] a = after.values();
        float[] c = centred.values();
        float[] v = x.values();
        // not centred: image rows first, zeros after; centred: round(3/2) = 2 after, 1 before
        assertEquals(v[0], a[0]);
        assertEquals(0f, a[2 * 5 * 3]);
        assertEquals(0f, c[0]);
        assertEquals(v[0], c[5 * 3]);
        assertEquals(0f, c[3 * 5 * 3]);
    }

    @Test
    void resizeBilinearUsesTensorFlowsLegacyCoordinates() {
        // 2x1 -> 4x1: source rows 0, 0.5, 1, 1.5 (clamped): values 0, 5, 10, 10 for a column 0, 10
        RgbTensor x = RgbTensor.of(2, 1, 1, new float[] {0, 10});
        assertArrayEquals(new float[] {0, 5, 10, 10}, x.resizeBilinear(4, 1).values(), 0f);
    }

    @Test
    void cropsAreCheckedAndFaceApiBoxesClipped() {
        RgbTensor x = RgbTensor.of(BgrImage.black(10, 8));
        assertThrows(IllegalArgumentException.class, () -> x.crop(5, 5, 6, 1));
        assertThrows(IllegalArgumentException.class, () -> x.crop(0, 0, 0, 1));
        RgbTensor c = TinyFaceDetector.crop(x, new FaceBox(-3.5, 2.7, 4.2, 20));
        assertEquals(4, c.width());   // x clipped to 0, width floor(4.2) = 4
        assertEquals(5, c.height());  // y floor(2.7) = 2, height min(17.3, 8 - 2.7) floored = 5
        assertNull(TinyFaceDetector.crop(x, new FaceBox(20, 20, 30, 30)));
    }

    @Test
    void rgbComesFromBgr() {
        BgrImage img = new BgrImage(1, 1, new byte[] {1, 2, 3});
        assertArrayEquals(new float[] {3, 2, 1}, RgbTensor.of(img).values(), 0f);
    }
}
