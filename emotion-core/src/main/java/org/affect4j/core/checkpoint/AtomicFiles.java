package org.affect4j.core.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.affect4j.core.CheckpointException;

/** Writes a file atomically: into a temporary file beside it, then moved over it; a failed write leaves no trace. */
final class AtomicFiles {

    /** What goes into the file. */
    interface Body {
        void writeTo(OutputStream os) throws IOException;
    }

    /** The time every zip entry written by this package carries (1980-01-01, the zip format's earliest). */
    private static final java.time.LocalDateTime ZIP_ENTRY_TIME = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);

    private AtomicFiles() {
    }

    /**
     * A zip entry with a fixed time instead of the clock's, so that the same content gives the same bytes (a model
     * trained twice with the same seed has the same file hash, in any time zone).
     */
    static java.util.zip.ZipEntry zipEntry(String name) {
        java.util.zip.ZipEntry e = new java.util.zip.ZipEntry(name);
        e.setTimeLocal(ZIP_ENTRY_TIME);
        return e;
    }

    /**
     * @param what names the file's kind in the error message (e.g. "PyTorch checkpoint")
     * @throws CheckpointException naming the file if it cannot be written
     */
    static void write(Path file, String what, Body body) {
        Objects.requireNonNull(file, "file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                try (OutputStream os = Files.newOutputStream(tmp)) {
                    body.writeTo(os);
                }
                try {
                    // temporary files are owner-only; a saved model is an ordinary readable file
                    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: keep the default permissions
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot write " + what + ": " + e.getMessage(), e);
        }
    }
}
