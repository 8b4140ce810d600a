package org.affect4j.vision.expression;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.train.ArrayTrainingTask;
import org.affect4j.vision.net.FaceCnn;
import org.affect4j.vision.train.FaceTrainingTask;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained {@link FaceCnn} loaded from its archive ({@code affect4j train-face}): logits for 48 × 48 grey faces in
 * [0, 1]. Immutable after loading; {@link #logits} may be called from one thread at a time (SameDiff keeps one session
 * per thread). Close it to free the weights.
 */
public final class FaceCnnModel implements AutoCloseable {

    private final SameDiff graph;
    private final LabelOrder order;
    private final Map<String, Object> meta;

    private FaceCnnModel(SameDiff graph, LabelOrder order, Map<String, Object> meta) {
        this.graph = graph;
        this.order = order;
        this.meta = meta;
    }

    /** @throws CheckpointException naming the file if it is not a face-expression CNN archive or its weights do not fit */
    public static FaceCnnModel load(Path file) {
        ModelArchive a = ModelArchive.read(file);
        if (!FaceTrainingTask.KIND.equals(a.meta().get("kind"))) {
            throw new CheckpointException(file, "not a face-expression CNN archive (kind " + a.meta().get("kind") + ", expected "
                    + FaceTrainingTask.KIND + ")");
        }
        if (!(a.meta().get("labelOrder") instanceof List<?> labels) || labels.isEmpty()) {
            throw new CheckpointException(file, "the archive names no label order");
        }
        List<Emotion> emotions = new ArrayList<>();
        for (Object l : labels) {
            try {
                emotions.add(Emotion.fromLabel(String.valueOf(l)));
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(file, "unknown emotion '" + l + "' in the archive's label order");
            }
        }
        LabelOrder order = LabelOrder.of("face-cnn", emotions);
        try {
            return new FaceCnnModel(FaceCnn.build(a.stateDict("weights."), order.size()), order, a.meta());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "weights do not fit the face CNN: " + e.getMessage(), e);
        }
    }

    public LabelOrder labelOrder() {
        return order;
    }

    /** The archive's metadata (data, recipe, provenance). */
    public Map<String, Object> meta() {
        return meta;
    }

    /**
     * One row of logits per image, in {@link #labelOrder()}.
     *
     * @throws IllegalArgumentException if an image is not 48 × 48 values
     */
    public float[][] logits(List<float[]> images) {
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).length != FaceCnn.SIZE * FaceCnn.SIZE) {
                throw new IllegalArgumentException("image " + i + " has " + images.get(i).length + " values, not 48 x 48");
            }
        }
        float[][] out = new float[images.size()][];
        for (int from = 0; from < images.size(); from += 256) {
            int n = Math.min(256, images.size() - from);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = from + i;
            }
            try (INDArray x = ArrayTrainingTask.stack(images, idx, 1, FaceCnn.SIZE, FaceCnn.SIZE);
                 INDArray l = graph.output(Map.of(FaceCnn.INPUT, x), FaceCnn.LOGITS).get(FaceCnn.LOGITS)) {
                float[][] rows = l.toFloatMatrix();
                System.arraycopy(rows, 0, out, from, n);
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (SDVariable v : graph.variables()) {
            INDArray a = v.getArr();
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }
}
