package org.affect4j.examples.cli;

/**
 * {@code --format} of {@code predict} and {@code eval}: text for people (the default), or JSON Lines / CSV for
 * programs. In the machine-readable formats standard output holds only the records; notes go to standard error.
 */
enum OutputFormat {
    /** Readable text (the default). */
    text,
    /** One JSON object per line. */
    json,
    /** A header line, then one comma-separated row per record. */
    csv
}
