package org.affect4j.vision.expression;

import java.util.List;
import org.affect4j.core.LabelOrder;
import org.affect4j.vision.face.RgbTensor;

/**
 * A face-expression network behind one shape: RGB face crops (0..255, any size; the classifier does its own resizing
 * and normalisation) in, natural-log class probabilities out, in {@link #labels()} order. Implementations are
 * thread-safe.
 */
public interface FaceExpressionClassifier extends AutoCloseable {

    /** Which model this is ({@link FaceModel}). */
    FaceModel model();

    /** The emotions of the outputs, in output order (the face models have no "calm"). */
    LabelOrder labels();

    /** Log-probabilities, one row per crop, batched through the network. */
    float[][] logProbabilities(List<RgbTensor> crops);

    @Override
    void close();
}
