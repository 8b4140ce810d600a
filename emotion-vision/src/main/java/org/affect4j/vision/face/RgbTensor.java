package org.affect4j.vision.face;

import java.util.Objects;
import org.affect4j.vision.io.BgrImage;

/**
 * A float image in TensorFlow's layout, {@code [height, width, channels]} row-major, and the TensorFlow.js image
 * operations the face networks' own code applies before their first layer, reproduced to the same float32 numbers:
 * {@link #padToSquare} (face-api.js's {@code padToSquare}: zeros after, or centred), {@link #resizeBilinear}
 * ({@code tf.image.resizeBilinear} with {@code alignCorners = false, halfPixelCenters = false}, the default) and
 * {@link #crop} (an integer box, as face-api.js's {@code extractFaceTensors}). Immutable: operations return new
 * tensors; the value array is never exposed.
 */
public final class RgbTensor {

    private final int height;
    private final int width;
    private final int channels;
    private final float[] values;

    private RgbTensor(int height, int width, int channels, float[] values) {
        if (height <= 0 || width <= 0 || channels <= 0 || values.length != (long) height * width * channels) {
            throw new IllegalArgumentException("a " + height + "x" + width + "x" + channels + " tensor needs "
                    + ((long) height * width * channels) + " values, got " + values.length);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.values = values;
    }

    /** The image's R, G, B channels as floats 0..255. */
    public static RgbTensor of(BgrImage image) {
        Objects.requireNonNull(image, "image");
        byte[] bgr = image.bytes();
        float[] rgb = new float[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2] & 0xff;
            rgb[i + 1] = bgr[i + 1] & 0xff;
            rgb[i + 2] = bgr[i] & 0xff;
        }
        return new RgbTensor(image.height(), image.width(), 3, rgb);
    }

    /** Wraps a copy of {@code hwc}. */
    public static RgbTensor of(int height, int width, int channels, float[] hwc) {
        return new RgbTensor(height, width, channels, hwc.clone());
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    /** A copy of the values, {@code [height, width, channels]} row-major. */
    public float[] values() {
        return values.clone();
    }

    /** Copies the values into {@code dst} at {@code offset} (for batching without a second copy). */
    public void copyTo(float[] dst, int offset) {
        System.arraycopy(values, 0, dst, offset, values.length);
    }

    /**
     * The box {@code [y, y + h) × [x, x + w)} (integers inside the image), as {@code tf.slice}.
     *
     * @throws IllegalArgumentException if the box is empty or leaves the image
     */
    public RgbTensor crop(int x, int y, int w, int h) {
        if (w <= 0 || h <= 0 || x < 0 || y < 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + " at (" + x + ", " + y + ") is outside the "
                    + width + "x" + height + " image");
        }
        float[] out = new float[w * h * channels];
        for (int r = 0; r < h; r++) {
            System.arraycopy(values, ((y + r) * width + x) * channels, out, r * w * channels, w * channels);
        }
        return new RgbTensor(h, w, channels, out);
    }

    /**
     * face-api.js's {@code padToSquare}: zero rows or columns added to the shorter side; {@code centred} puts
     * {@code round(diff / 2)} after and the rest before, otherwise all of {@code diff} goes after.
     */
    public RgbTensor padToSquare(boolean centred) {
        if (height == width) {
            return this;
        }
        int diff = Math.abs(height - width);
        int after = (int) Math.round(diff * (centred ? 0.5 : 1.0)); // JavaScript Math.round: half up, as Java's
        int before = centred ? diff - after : 0;
        int side = Math.max(height, width);
        float[] out = new float[side * side * channels];
        if (height > width) { // pad columns
            for (int r = 0; r < height; r++) {
                System.arraycopy(values, r * width * channels, out, (r * side + before) * channels, width * channels);
            }
        } else { // pad rows
            System.arraycopy(values, 0, out, before * side * channels, values.length);
        }
        return new RgbTensor(side, side, channels, out);
    }

    /**
     * {@code padToSquare(centred).resizeBilinear(size, size)} in one pass, without building the padded image (the
     * same numbers: the padding is read as zeros where the padded image would hold them).
     */
    public RgbTensor padToSquareResized(boolean centred, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("resize to " + size);
        }
        int diff = Math.abs(height - width);
        int after = (int) Math.round(diff * (centred ? 0.5 : 1.0));
        int before = centred ? diff - after : 0;
        int side = Math.max(height, width);
        return resample(side, side, height < width ? before : 0, width < height ? before : 0, size, size);
    }

    /**
     * {@code tf.image.resizeBilinear(x, [newHeight, newWidth], alignCorners = false, halfPixelCenters = false)} as the
     * TensorFlow.js CPU kernel computes it: source coordinate {@code scale · r}, interpolation in double, stored as
     * float32.
     */
    public RgbTensor resizeBilinear(int newHeight, int newWidth) {
        if (newHeight <= 0 || newWidth <= 0) {
            throw new IllegalArgumentException("resize to " + newHeight + "x" + newWidth);
        }
        if (newHeight == height && newWidth == width) {
            return this;
        }
        return resample(height, width, 0, 0, newHeight, newWidth);
    }

    /**
     * Bilinear resampling of a virtual {@code srcH × srcW} image whose row {@code r}, column {@code c} is this tensor's
     * row {@code r − rowShift}, column {@code c − colShift}, and zero outside it.
     */
    private RgbTensor resample(int srcH, int srcW, int rowShift, int colShift, int newHeight, int newWidth) {
        double hScale = (double) srcH / newHeight;
        double wScale = (double) srcW / newWidth;
        float[] out = new float[newHeight * newWidth * channels];
        int o = 0;
        for (int r = 0; r < newHeight; r++) {
            double srcR = hScale * r;
            int r0 = Math.max(0, (int) Math.floor(srcR));
            double rowFrac = srcR - r0;
            int r1 = Math.min(srcH - 1, (int) Math.ceil(srcR));
            int ir0 = r0 - rowShift;
            int ir1 = r1 - rowShift;
            boolean in0 = ir0 >= 0 && ir0 < height;
            boolean in1 = ir1 >= 0 && ir1 < height;
            for (int c = 0; c < newWidth; c++) {
                double srcC = wScale * c;
                int c0 = Math.max(0, (int) Math.floor(srcC));
                double colFrac = srcC - c0;
                int c1 = Math.min(srcW - 1, (int) Math.ceil(srcC));
                int ic0 = c0 - colShift;
                int ic1 = c1 - colShift;
                boolean inc0 = ic0 >= 0 && ic0 < width;
                boolean inc1 = ic1 >= 0 && ic1 < width;
                for (int d = 0; d < channels; d++) {
                    double tl = in0 && inc0 ? values[(ir0 * width + ic0) * channels + d] : 0;
                    double tr = in0 && inc1 ? values[(ir0 * width + ic1) * channels + d] : 0;
                    double bl = in1 && inc0 ? values[(ir1 * width + ic0) * channels + d] : 0;
                    double br = in1 && inc1 ? values[(ir1 * width + ic1) * channels + d] : 0;
                    double top = tl + (tr - tl) * colFrac;
                    double bottom = bl + (br - bl) * colFrac;
                    out[o++] = (float) (top + (bottom - top) * rowFrac);
                }
            }
        }
        return new RgbTensor(newHeight, newWidth, channels, out);
    }
}
