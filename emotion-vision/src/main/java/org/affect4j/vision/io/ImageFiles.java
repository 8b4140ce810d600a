package org.affect4j.vision.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.affect4j.core.MediaException;
import org.affect4j.core.io.InputFiles;

/**
 * Reads still images (PNG, JPEG, BMP, GIF — what the JDK's ImageIO decodes, in pure Java, so the same file gives the
 * same pixels on every machine) into {@link BgrImage}s. Only regular files are read; the header's size is checked
 * against {@link #MAX_PIXELS} before any pixel is decoded. Grey images become B = G = R. Stateless, thread-safe.
 */
public final class ImageFiles {

    /** Largest image accepted: 64 megapixels (a 8192×8192 frame). */
    public static final long MAX_PIXELS = 64L << 20;

    private ImageFiles() {
    }

    /**
     * The image in {@code file}.
     *
     * @throws MediaException if the file is missing, not a regular file, not an image ImageIO reads, truncated or
     *                        larger than {@link #MAX_PIXELS}
     */
    public static BgrImage read(Path file) {
        Objects.requireNonNull(file, "file");
        InputFiles.requireRegular(file, MediaException::new);
        try (InputStream in = Files.newInputStream(file); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
            if (readers == null || !readers.hasNext()) {
                throw new MediaException(file, "not an image format this library reads (PNG, JPEG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new MediaException(file, "image of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels is outside the accepted size (at most " + MAX_PIXELS + " pixels)");
                }
                return toBgr(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MediaException m) {
                throw m;
            }
            throw new MediaException(file, "cannot decode the image: " + e.getMessage(), e);
        }
    }

    /** A decoded image's pixels as BGR bytes (alpha dropped). */
    public static BgrImage toBgr(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] bgr = new byte[w * h * 3];
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] grey = new byte[w * h];
            img.getRaster().getDataElements(0, 0, w, h, grey);
            for (int i = 0; i < grey.length; i++) {
                bgr[3 * i] = grey[i];
                bgr[3 * i + 1] = grey[i];
                bgr[3 * i + 2] = grey[i];
            }
            return BgrImage.wrap(w, h, bgr);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int o = (y * w + x) * 3;
                bgr[o] = (byte) p;
                bgr[o + 1] = (byte) (p >> 8);
                bgr[o + 2] = (byte) (p >> 16);
            }
        }
        return BgrImage.wrap(w, h, bgr);
    }

    /** The image as a PNG-ready {@code TYPE_3BYTE_BGR} buffer (for writing crops and test inputs). */
    public static BufferedImage toBufferedImage(BgrImage image) {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] storage = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData(); // B, G, R per pixel
        System.arraycopy(image.bytes(), 0, storage, 0, storage.length);
        return img;
    }
}
