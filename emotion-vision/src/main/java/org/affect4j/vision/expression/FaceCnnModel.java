package org.affect4j.vision.expression;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.CheckpointException;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.nn.Batches;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.net.FaceCnn;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained {@link FaceCnn} loaded from its archive ({@code affect4j train-face}, or the bundled
 * {@link FaceModel#AFFECT4J_FER2013} by {@link #bundled()}): logits for 48 × 48 grey faces in [0, 1]. Immutable after
 * loading; thread-safe ({@link #logits} calls are serialised: one forward pass at a time). Close it to free the weights.
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

    /** Where the bundled model ({@link FaceModel#AFFECT4J_FER2013}) lies in this jar. */
    public static final String BUNDLED_RESOURCE = "/org/affect4j/vision/models/affect4j/face-cnn-fer2013.zip";

    /** @throws CheckpointException naming the file if it is not a face-expression CNN archive or its weights do not fit */
    public static FaceCnnModel load(Path file) {
        return of(ModelArchive.read(file), file);
    }

    /**
     * The library's own FER2013-trained model bundled in this jar ({@link FaceModel#AFFECT4J_FER2013}; nothing is read
     * from disk or the network).
     *
     * @throws CheckpointException if the jar lacks it or it does not read
     */
    public static FaceCnnModel bundled() {
        Path name = Path.of(BUNDLED_RESOURCE);
        try (InputStream in = FaceCnnModel.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new CheckpointException(name, "the bundled face CNN is missing from the classpath (emotion-vision jar)");
            }
            FaceCnnModel m = of(ModelArchive.read(in, name), name);
            if (!m.order.emotions().equals(FaceModel.AFFECT4J_FER2013.labels().emotions())) {
                m.close();
                throw new CheckpointException(name, "the bundled face CNN's label order " + m.order.emotions() + " is not FER2013's");
            }
            return m;
        } catch (IOException e) {
            throw new CheckpointException(name, "cannot read the bundled face CNN: " + e.getMessage(), e);
        }
    }

    private static FaceCnnModel of(ModelArchive a, Path file) {
        if (!FaceCnn.ARCHIVE_KIND.equals(a.meta().get("kind"))) {
            throw new CheckpointException(file, "not a face-expression CNN archive (kind " + a.meta().get("kind") + ", expected "
                    + FaceCnn.ARCHIVE_KIND + ")");
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
    public synchronized float[][] logits(List<float[]> images) {
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
            try (INDArray x = Batches.stack(images, idx, 1, FaceCnn.SIZE, FaceCnn.SIZE);
                 INDArray l = graph.output(Map.of(FaceCnn.INPUT, x), FaceCnn.LOGITS).get(FaceCnn.LOGITS)) {
                float[][] rows = l.toFloatMatrix();
                System.arraycopy(rows, 0, out, from, n);
            }
        }
        return out;
    }

    /**
     * Logits averaged over each image and its mirror image (test-time augmentation; the network was trained on mirrored
     * faces too), in {@link #labelOrder()}; one forward pass over both.
     *
     * @throws IllegalArgumentException if an image is not 48 × 48 values
     */
    public float[][] mirrorAveragedLogits(List<float[]> images) {
        int n = FaceCnn.SIZE;
        List<float[]> both = new ArrayList<>(2 * images.size());
        both.addAll(images);
        for (float[] im : images) {
            if (im.length != n * n) {
                throw new IllegalArgumentException("image has " + im.length + " values, not 48 x 48");
            }
            float[] m = new float[n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    m[y * n + x] = im[y * n + n - 1 - x];
                }
            }
            both.add(m);
        }
        float[][] z = logits(both);
        float[][] out = new float[images.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] a = z[i];
            float[] b = z[images.size() + i];
            out[i] = new float[a.length];
            for (int k = 0; k < a.length; k++) {
                out[i][k] = (a[k] + b[k]) / 2;
            }
        }
        return out;
    }

    /**
     * Logits for RGB face crops of any size ({@link #input} of each), averaged over each crop and its mirror image when
     * {@code mirrorAverage}: what the bundled classifier and {@code eval-face} run.
     */
    public float[][] cropLogits(List<RgbTensor> crops, boolean mirrorAverage) {
        List<float[]> inputs = crops.stream().map(FaceCnnModel::input).toList();
        return mirrorAverage ? mirrorAveragedLogits(inputs) : logits(inputs);
    }

    /**
     * The network's input for one RGB face crop (values 0..255, any size): grey with BT.601 weights (as FER2013's grey
     * images and {@code FaceImageRecordReader.pixels}), scaled to [0, 1], box-averaged by the whole factor the crop is
     * larger than twice 48 pixels (so a large crop is not aliased), then resized bilinearly to 48 × 48.
     */
    public static float[] input(RgbTensor crop) {
        Objects.requireNonNull(crop, "crop");
        if (crop.channels() != 3 || crop.height() < 1 || crop.width() < 1) {
            throw new IllegalArgumentException("expected an RGB crop, got " + crop.height() + " x " + crop.width() + " x " + crop.channels());
        }
        int h = crop.height();
        int w = crop.width();
        float[] v = crop.values();
        float[] g = new float[h * w];
        for (int i = 0; i < g.length; i++) {
            g[i] = (0.299f * v[3 * i] + 0.587f * v[3 * i + 1] + 0.114f * v[3 * i + 2]) / 255f;
        }
        int k = Math.max(1, Math.min(h, w) / (2 * FaceCnn.SIZE));
        if (k > 1) {
            int bh = h / k;
            int bw = w / k;
            float[] b = new float[bh * bw];
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    float sum = 0;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            sum += g[(y * k + dy) * w + x * k + dx];
                        }
                    }
                    b[y * bw + x] = sum / (k * k);
                }
            }
            g = b;
            h = bh;
            w = bw;
        }
        return RgbTensor.of(h, w, 1, g).resizeBilinear(FaceCnn.SIZE, FaceCnn.SIZE).values();
    }

    @Override
    public synchronized void close() {
        for (SDVariable v : graph.variables()) {
            INDArray a = v.getArr();
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }
}
