package org.affect4j.core;

/** Root of the library's checked-at-the-boundary failures. Unchecked, so fluent calls stay readable. */
public class Affect4jException extends RuntimeException {
    /** A failure described by {@code message}. */
    public Affect4jException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public Affect4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
