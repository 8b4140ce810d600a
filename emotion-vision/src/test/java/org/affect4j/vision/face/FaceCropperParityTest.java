package org.affect4j.vision.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.io.BgrImage;
import org.junit.jupiter.api.Test;

class FaceCropperParityTest {

    static BgrImage image(Npy npy) {
        double[] v = npy.toDoubles();
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) (int) v[i];
        }
        return BgrImage.wrap((int) npy.shape()[1], (int) npy.shape()[0], b);
    }

    @Test
    void cropsMatchOpenCvWithinOneGreyLevel() {
        for (String name : new String[] {"grid_bbaf2n_f40", "jaffe_KM_HA1_4"}) {
            String base = "reference/crop/" + name + ".";
            double[] bb = Npy.read(SharedData.require(base + "bbox.npy")).toDoubles();
            FaceBox box = new FaceBox(bb[0], bb[1], bb[2], bb[3]);
            assertArrayEquals(Npy.read(SharedData.require(base + "affine.npy")).toDoubles(), FaceCropper.affine(box), 1e-9, name + " affine");
            BgrImage crop = FaceCropper.crop(image(Npy.read(SharedData.require(base + "image_bgr_u8.npy"))), box);
            double[] ref = Npy.read(SharedData.require(base + "crop_bgr_u8.npy")).toDoubles();
            byte[] got = crop.bytes();
            int max = 0;
            int off = 0;
            for (int i = 0; i < ref.length; i++) {
                int d = Math.abs((got[i] & 0xff) - (int) ref[i]);
                max = Math.max(max, d);
                off += d > 0 ? 1 : 0;
            }
            System.out.printf("crop %s: max |diff| = %d grey levels, %d of %d values differ%n", name, max, off, ref.length);
            assertTrue(max <= 1, name + ": max diff " + max);
        }
    }

    @Test
    void boxFromLandmarksAndIou() {
        FaceBox b = FaceBox.enclosing(new float[] {3, 1, 2}, new float[] {5, 9, 7});
        assertTrue(b.x0() == 1 && b.x1() == 3 && b.y0() == 5 && b.y1() == 9);
        FaceBox a = new FaceBox(0, 0, 10, 10);
        assertTrue(Math.abs(a.iou(new FaceBox(5, 0, 15, 10)) - 1.0 / 3) < 1e-12);
        assertTrue(a.iou(new FaceBox(20, 20, 30, 30)) == 0);
    }
}
