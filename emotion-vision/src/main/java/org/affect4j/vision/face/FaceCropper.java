package org.affect4j.vision.face;

import java.util.Objects;
import org.affect4j.vision.io.BgrImage;

/**
 * The seed's face crop (EmoNet's data augmentor, bounding-box path, no augmentation): centre = box centre,
 * scale = (w + h) / 220, and the affine map of a 200·scale square around the centre onto the 256 × 256 output,
 * applied like {@code cv2.warpAffine} with its defaults — bilinear, constant zero border — including OpenCV's
 * fixed-point arithmetic (1/32-pixel positions, 15-bit weights), so crops match OpenCV to within one grey
 * level. Stateless and thread-safe.
 */
public final class FaceCropper {

    public static final int SIZE = 256;
    private static final int AB_BITS = 10;
    private static final int AB_SCALE = 1 << AB_BITS;
    private static final int INTER_BITS = 5;
    private static final int INTER_TAB_SIZE = 1 << INTER_BITS;
    private static final int COEF_BITS = 15;
    private static final int COEF_SCALE = 1 << COEF_BITS;
    private static final int[][] WEIGHTS = weightTable();

    private FaceCropper() {
    }

    /** The 2 × 3 affine matrix (row-major) mapping image coordinates to crop coordinates for {@code box}. */
    public static double[] affine(FaceBox box) {
        double cx = box.x1() - (box.x1() - box.x0()) / 2;
        double cy = box.y1() - (box.y1() - box.y0()) / 2;
        double scale = (box.x1() - box.x0() + box.y1() - box.y0()) / 220.0;
        double h = 200 * scale;
        if (!(h > 0)) {
            throw new IllegalArgumentException("degenerate face box " + box);
        }
        return new double[] {SIZE / h, 0, SIZE * (-cx / h + .5), 0, SIZE / h, SIZE * (-cy / h + .5)};
    }

    /** The 256 × 256 crop of {@code box} from {@code image}. */
    public static BgrImage crop(BgrImage image, FaceBox box) {
        return warpAffine(Objects.requireNonNull(image, "image"), affine(Objects.requireNonNull(box, "box")), SIZE, SIZE);
    }

    /** {@code cv2.warpAffine(src, m, (w, h))}: bilinear, BORDER_CONSTANT 0, forward matrix {@code m}. */
    static BgrImage warpAffine(BgrImage src, double[] m, int w, int h) {
        // invert the forward map, as OpenCV does unless WARP_INVERSE_MAP is given
        double d = m[0] * m[4] - m[1] * m[3];
        d = d != 0 ? 1.0 / d : 0.0;
        double a11 = m[4] * d;
        double a22 = m[0] * d;
        double a12 = -m[1] * d;
        double a21 = -m[3] * d;
        double b1 = -a11 * m[2] - a12 * m[5];
        double b2 = -a21 * m[2] - a22 * m[5];
        int[] adelta = new int[w];
        int[] bdelta = new int[w];
        for (int x = 0; x < w; x++) {
            adelta[x] = (int) Math.rint(a11 * x * AB_SCALE);
            bdelta[x] = (int) Math.rint(a21 * x * AB_SCALE);
        }
        int roundDelta = AB_SCALE / INTER_TAB_SIZE / 2;
        int sw = src.width();
        int sh = src.height();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int x0 = (int) Math.rint((a12 * y + b1) * AB_SCALE) + roundDelta;
            int y0 = (int) Math.rint((a22 * y + b2) * AB_SCALE) + roundDelta;
            for (int x = 0; x < w; x++) {
                int fx = (x0 + adelta[x]) >> (AB_BITS - INTER_BITS);
                int fy = (y0 + bdelta[x]) >> (AB_BITS - INTER_BITS);
                int sx = fx >> INTER_BITS;
                int sy = fy >> INTER_BITS;
                int[] wt = WEIGHTS[(fy & (INTER_TAB_SIZE - 1)) * INTER_TAB_SIZE + (fx & (INTER_TAB_SIZE - 1))];
                for (int c = 0; c < 3; c++) {
                    int acc = wt[0] * pixel(src, sx, sy, c, sw, sh) + wt[1] * pixel(src, sx + 1, sy, c, sw, sh)
                            + wt[2] * pixel(src, sx, sy + 1, c, sw, sh) + wt[3] * pixel(src, sx + 1, sy + 1, c, sw, sh);
                    int v = (acc + (1 << (COEF_BITS - 1))) >> COEF_BITS;
                    out[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return BgrImage.wrap(w, h, out);
    }

    private static int pixel(BgrImage img, int x, int y, int c, int w, int h) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : img.get(x, y, c);
    }

    /** OpenCV's bilinear fixed-point weights for each of the 32 × 32 sub-pixel positions, summing to 2^15. */
    private static int[][] weightTable() {
        int[][] tab = new int[INTER_TAB_SIZE * INTER_TAB_SIZE][4];
        for (int ty = 0; ty < INTER_TAB_SIZE; ty++) {
            for (int tx = 0; tx < INTER_TAB_SIZE; tx++) {
                float fx = (float) tx / INTER_TAB_SIZE;
                float fy = (float) ty / INTER_TAB_SIZE;
                float[] f = {(1 - fy) * (1 - fx), (1 - fy) * fx, fy * (1 - fx), fy * fx};
                int[] t = tab[ty * INTER_TAB_SIZE + tx];
                int sum = 0;
                for (int k = 0; k < 4; k++) {
                    t[k] = Math.round(f[k] * COEF_SCALE);
                    sum += t[k];
                }
                int diff = sum - COEF_SCALE;
                if (diff != 0) { // OpenCV moves the rounding error onto the largest (or smallest) weight
                    int target = 0;
                    for (int k = 1; k < 4; k++) {
                        if (diff < 0 ? t[k] > t[target] : t[k] < t[target]) {
                            target = k;
                        }
                    }
                    t[target] -= diff;
                }
            }
        }
        return tab;
    }
}
