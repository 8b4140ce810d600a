/**
 * Face data through DataVec: image folders (FER2013, CK+48; {@link org.affect4j.vision.data.FaceImageFolders}) and
 * record readers for face images and face-feature sequences.
 */
package org.affect4j.vision.data;
