/**
 * Listing input files: the media under a folder or given one by one, in a stable order, with clear errors for what is
 * missing ({@link org.affect4j.core.io.InputFiles}, {@link org.affect4j.core.io.CorpusFiles}).
 */
package org.affect4j.core.io;
