package org.affect4j.core.timeline;

import java.io.IOException;

/** Receives timeline rows as they are produced (streaming: nothing is kept in memory). */
public interface TimelineSink extends AutoCloseable {
    void accept(TimelineRow row) throws IOException;

    @Override
    void close() throws IOException;
}
