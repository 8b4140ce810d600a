package org.affect4j.core.checkpoint;

/**
 * A pickle stream is malformed, truncated, or asks for something this reader refuses (a global outside the
 * allowlist, an unsupported opcode). Carries the byte offset where reading stopped.
 */
public class PickleException extends RuntimeException {
    private final long offset;

    public PickleException(long offset, String message) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
