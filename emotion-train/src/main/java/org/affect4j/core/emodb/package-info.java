/**
 * The Berlin Emo-DB corpus: its file-name code (speaker, text, emotion, version;
 * {@link org.affect4j.core.emodb.EmoDbFileName}) and listing of a folder of its WAVs
 * ({@link org.affect4j.core.emodb.EmoDbFiles}), mapped to the library's emotions (boredom, which RAVDESS lacks, left out).
 */
package org.affect4j.core.emodb;
