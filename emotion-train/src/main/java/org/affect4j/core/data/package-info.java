/**
 * DataVec plumbing shared by the corpora: a record reader over a fixed list of labelled files
 * ({@link org.affect4j.core.data.FileRecordReader}, {@link org.affect4j.core.data.FileListReader}).
 */
package org.affect4j.core.data;
