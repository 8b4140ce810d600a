package org.affect4j.vision.io;

import java.util.Objects;

/**
 * An 8-bit image with interleaved B, G, R bytes (OpenCV's default layout), row-major, no padding. Immutable: the
 * pixel array is copied in and never exposed.
 */
public final class BgrImage {
    private final int width;
    private final int height;
    private final byte[] bgr;

    public BgrImage(int width, int height, byte[] bgr) {
        this(width, height, Objects.requireNonNull(bgr, "bgr").clone(), true);
    }

    private BgrImage(int width, int height, byte[] owned, boolean checked) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (owned.length != (long) width * height * 3) {
            throw new IllegalArgumentException("a " + width + "x" + height + " BGR image needs " + ((long) width * height * 3)
                    + " bytes, got " + owned.length);
        }
        this.width = width;
        this.height = height;
        this.bgr = owned;
    }

    /** Takes ownership of {@code bgr} (for decoders in this library). */
    public static BgrImage wrap(int width, int height, byte[] bgr) {
        return new BgrImage(width, height, bgr, true);
    }

    /** An all-black image (the seed's zero padding frame). */
    public static BgrImage black(int width, int height) {
        return new BgrImage(width, height, new byte[width * height * 3], true);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Channel {@code c} (0 = B, 1 = G, 2 = R) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return bgr[(y * width + x) * 3 + c] & 0xff;
    }

    /** A copy of the interleaved BGR bytes. */
    public byte[] bytes() {
        return bgr.clone();
    }

    /** 8-bit grey (ITU-R BT.601 weights, as OpenCV's BGR2GRAY), row-major. */
    public byte[] grey() {
        byte[] g = new byte[width * height];
        for (int i = 0; i < g.length; i++) {
            int b = bgr[3 * i] & 0xff;
            int gr = bgr[3 * i + 1] & 0xff;
            int r = bgr[3 * i + 2] & 0xff;
            g[i] = (byte) ((b * 1868 + gr * 9617 + r * 4899 + 8192) >> 14);
        }
        return g;
    }
}
