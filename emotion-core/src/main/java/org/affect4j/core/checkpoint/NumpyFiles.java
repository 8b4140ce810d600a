package org.affect4j.core.checkpoint;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes NumPy files: {@code .npy} (one array, format 1.0, little-endian, C order) and {@code .npz} (a zip of
 * named {@code .npy} arrays, as {@code numpy.savez} writes; {@code numpy.load(file)["name"]} reads one back).
 * Stateless and thread-safe.
 */
public final class NumpyFiles {

    private NumpyFiles() {
    }

    /** Writes one array as {@code .npy}. */
    public static void writeNpy(Path file, ModelArchive.Tensor array) {
        Objects.requireNonNull(array, "array");
        AtomicFiles.write(file, "NumPy file", os -> os.write(ModelArchive.npy(array)));
    }

    /** Writes named arrays as {@code .npz} (names are the keys {@code numpy.load} returns). */
    public static void writeNpz(Path file, Map<String, ModelArchive.Tensor> arrays) {
        Objects.requireNonNull(arrays, "arrays");
        AtomicFiles.write(file, "NumPy file", os -> {
            try (ZipOutputStream zip = new ZipOutputStream(os)) {
                for (Map.Entry<String, ModelArchive.Tensor> e : arrays.entrySet()) {
                    zip.putNextEntry(AtomicFiles.zipEntry(e.getKey() + ".npy"));
                    zip.write(ModelArchive.npy(e.getValue()));
                    zip.closeEntry();
                }
            }
        });
    }
}
