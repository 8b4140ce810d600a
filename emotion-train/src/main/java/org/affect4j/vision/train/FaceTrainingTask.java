package org.affect4j.vision.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.train.ArrayTrainingTask;
import org.affect4j.core.nn.Logits;
import org.affect4j.core.train.TrainingTask;
import org.affect4j.vision.net.FaceCnn;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training the library's face-expression network ({@link FaceCnn}; issue 26) on in-memory 48 × 48 grey faces in
 * [0, 1] (e.g. FER2013's training split read by {@code FaceImageRecordReader.pixels}). Augmentation
 * ({@link Augmentation}: mirror, shifts, rotations, zoom/random crops) is drawn per example from the epoch's seed and
 * the example's index, so a resumed run repeats an uninterrupted one. Validation runs the inference graph (no dropout) on
 * the selection images. Not thread-safe.
 */
public final class FaceTrainingTask implements TrainingTask {

    /** Archive kind of a trained face-expression CNN. */
    public static final String KIND = FaceCnn.ARCHIVE_KIND;

    /**
     * The training-time augmentation: a mirror with probability ½, a shift of up to ±{@code maxShift} pixels in each
     * direction, a rotation of up to ±{@code maxRotationDegrees} about the centre and a zoom by a factor in
     * 1 ± {@code maxZoom} (a zoom above 1 is a random crop scaled back to 48 × 48, below 1 shows more border).
     * Integer shifts and mirrors alone move whole pixels, zeros shifted in; with a rotation or zoom the image is
     * resampled bilinearly, the border pixels repeated outwards.
     */
    public record Augmentation(boolean mirror, int maxShift, double maxRotationDegrees, double maxZoom) {
        public static final Augmentation NONE = new Augmentation(false, 0, 0, 0);
        /** Mirror with probability ½, shift by up to ±4 pixels (whole pixels only). */
        public static final Augmentation MIRROR_SHIFT = new Augmentation(true, 4, 0, 0);
        /** Mirror with probability ½, shift by up to ±4 pixels, rotate by up to ±10°, zoom by 0.9–1.1 (random crops). */
        public static final Augmentation STANDARD = new Augmentation(true, 4, 10, 0.1);

        public Augmentation {
            if (maxShift < 0 || maxShift > FaceCnn.SIZE / 4) {
                throw new IllegalArgumentException("shift must be 0.." + FaceCnn.SIZE / 4 + " pixels, got " + maxShift);
            }
            if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 45)) {
                throw new IllegalArgumentException("rotation must be 0..45 degrees, got " + maxRotationDegrees);
            }
            if (!(maxZoom >= 0 && maxZoom <= 0.5)) {
                throw new IllegalArgumentException("zoom must be 0..0.5, got " + maxZoom);
            }
        }

        /** Mirror and whole-pixel shifts only. */
        public Augmentation(boolean mirror, int maxShift) {
            this(mirror, maxShift, 0, 0);
        }

        public String describe() {
            if (this.equals(NONE)) {
                return "none";
            }
            StringBuilder b = new StringBuilder();
            if (mirror) {
                b.append("mirror p=0.5, ");
            }
            b.append("shift up to +-").append(maxShift).append(" px");
            if (maxRotationDegrees > 0) {
                b.append(", rotation up to +-").append(fmt(maxRotationDegrees)).append(" deg");
            }
            if (maxZoom > 0) {
                b.append(", zoom ").append(fmt(1 - maxZoom)).append("..").append(fmt(1 + maxZoom));
            }
            return b.toString();
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
        }

        boolean resamples() {
            return maxRotationDegrees > 0 || maxZoom > 0;
        }
    }

    private static final int PIXELS = FaceCnn.SIZE * FaceCnn.SIZE;

    private final SameDiff graph;
    private final int batch;
    private final LabelOrder order;
    private final List<float[]> train;
    private final int[] trainLabels;
    private final List<float[]> val;
    private final int[] valLabels;
    private final Augmentation augmentation;
    private final Map<String, Object> description;
    private final boolean dropout;
    private long epochSeed;

    /**
     * @param batch       the trainer's batch size (the training graph is built for it)
     * @param dropout     the network's training dropout ({@link FaceCnn#buildTraining})
     * @param description what the archive's metadata says about the data and recipe (e.g. data set, splits)
     * @throws IllegalArgumentException if an image is not 48 × 48, a label is out of range, or there are no
     *                                  validation images
     */
    public FaceTrainingTask(StateDict init, int batch, LabelOrder order, List<float[]> train, int[] trainLabels,
                            List<float[]> val, int[] valLabels, Augmentation augmentation, boolean dropout,
                            Map<String, Object> description) {
        this.order = Objects.requireNonNull(order, "order");
        this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
        check("training", train, trainLabels, order.size());
        check("validation", val, valLabels, order.size());
        if (val.isEmpty()) {
            throw new IllegalArgumentException("no validation images");
        }
        this.batch = batch;
        this.graph = FaceCnn.buildTraining(init, order.size(), batch, dropout);
        this.dropout = dropout;
        this.train = List.copyOf(train);
        this.trainLabels = trainLabels.clone();
        this.val = List.copyOf(val);
        this.valLabels = valLabels.clone();
        this.description = Map.copyOf(description);
    }

    private static void check(String what, List<float[]> xs, int[] ys, int classes) {
        if (xs.size() != ys.length) {
            throw new IllegalArgumentException(what + ": " + xs.size() + " images but " + ys.length + " labels");
        }
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i).length != PIXELS) {
                throw new IllegalArgumentException(what + " image " + i + " has " + xs.get(i).length + " values, not 48 x 48");
            }
            if (ys[i] < 0 || ys[i] >= classes) {
                throw new IllegalArgumentException(what + " label " + i + " is " + ys[i] + ", not 0.." + (classes - 1));
            }
        }
    }

    @Override
    public SameDiff graph() {
        return graph;
    }

    @Override
    public GraphNames names() {
        return new GraphNames(FaceCnn.INPUT, FaceCnn.LABELS, FaceCnn.LOSS, FaceCnn.LOGITS);
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public void beginEpoch(long epochSeed) {
        this.epochSeed = epochSeed;
    }

    @Override
    public DataSet batch(int[] indices) {
        List<float[]> xs = new ArrayList<>(indices.length);
        for (int i : indices) {
            xs.add(augmented(train.get(i), epochSeed, i, augmentation));
        }
        int[] all = new int[indices.length];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            labels[k] = trainLabels[indices[k]];
        }
        return new DataSet(ArrayTrainingTask.stack(xs, all, 1, FaceCnn.SIZE, FaceCnn.SIZE),
                ArrayTrainingTask.oneHot(labels, all, order.size()));
    }

    /**
     * Training example {@code index}'s image as epoch {@code epochSeed} sees it: mirrored and/or shifted as drawn from
     * the two (a new array; the input is not changed).
     */
    public static float[] augmented(float[] image, long epochSeed, int index, Augmentation aug) {
        if (aug.equals(Augmentation.NONE)) {
            return image;
        }
        Random rng = new Random(epochSeed * 1_000_003L + index ^ 0xFACE5L);
        boolean mirror = aug.mirror() && rng.nextBoolean();
        int dx = aug.maxShift() == 0 ? 0 : rng.nextInt(2 * aug.maxShift() + 1) - aug.maxShift();
        int dy = aug.maxShift() == 0 ? 0 : rng.nextInt(2 * aug.maxShift() + 1) - aug.maxShift();
        if (aug.resamples()) {
            double angle = Math.toRadians((rng.nextDouble() * 2 - 1) * aug.maxRotationDegrees());
            double zoom = 1 + (rng.nextDouble() * 2 - 1) * aug.maxZoom();
            return resampled(image, mirror, dx, dy, angle, zoom);
        }
        int n = FaceCnn.SIZE;
        float[] out = new float[PIXELS];
        for (int y = 0; y < n; y++) {
            int sy = y - dy;
            if (sy < 0 || sy >= n) {
                continue;
            }
            for (int x = 0; x < n; x++) {
                int sx = x - dx;
                if (sx < 0 || sx >= n) {
                    continue;
                }
                out[y * n + x] = image[sy * n + (mirror ? n - 1 - sx : sx)];
            }
        }
        return out;
    }

    /**
     * Output pixel (x, y) reads the source at the inverse of: mirror, then rotate by {@code angle} and scale by
     * {@code zoom} about the centre, then shift by (dx, dy); bilinear, border pixels repeated.
     */
    private static float[] resampled(float[] image, boolean mirror, int dx, int dy, double angle, double zoom) {
        int n = FaceCnn.SIZE;
        double c = (n - 1) / 2.0;
        double cos = Math.cos(angle) / zoom;
        double sin = Math.sin(angle) / zoom;
        float[] out = new float[PIXELS];
        for (int y = 0; y < n; y++) {
            double v = y - dy - c;
            for (int x = 0; x < n; x++) {
                double u = x - dx - c;
                double sx = cos * u + sin * v + c;
                double sy = -sin * u + cos * v + c;
                if (mirror) {
                    sx = n - 1 - sx;
                }
                sx = Math.max(0, Math.min(n - 1, sx));
                sy = Math.max(0, Math.min(n - 1, sy));
                int x0 = (int) sx;
                int y0 = (int) sy;
                int x1 = Math.min(n - 1, x0 + 1);
                int y1 = Math.min(n - 1, y0 + 1);
                double fx = sx - x0;
                double fy = sy - y0;
                double top = image[y0 * n + x0] * (1 - fx) + image[y0 * n + x1] * fx;
                double bottom = image[y1 * n + x0] * (1 - fx) + image[y1 * n + x1] * fx;
                out[y * n + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /** The current weights (state-dict names of {@link FaceCnn}). */
    public StateDict stateDict() {
        return FaceCnn.trainedStateDict(graph, order.size());
    }

    @Override
    public Score validate() {
        return score(FaceCnn.build(stateDict(), order.size()), val, valLabels);
    }

    /** Mean cross-entropy and accuracy of an inference graph on images with labels (batches of 256). */
    public static Score score(SameDiff inference, List<float[]> images, int[] labels) {
        double loss = 0;
        int correct = 0;
        try {
            for (int from = 0; from < images.size(); from += 256) {
                int n = Math.min(256, images.size() - from);
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = from + i;
                }
                try (INDArray x = ArrayTrainingTask.stack(images, idx, 1, FaceCnn.SIZE, FaceCnn.SIZE)) {
                    try (INDArray l = inference.output(Map.of(FaceCnn.INPUT, x), FaceCnn.LOGITS).get(FaceCnn.LOGITS)) {
                        float[][] rows = l.toFloatMatrix();
                        for (int i = 0; i < n; i++) {
                            loss += Logits.crossEntropy(rows[i], labels[from + i]);
                            correct += Logits.argmax(rows[i]) == labels[from + i] ? 1 : 0;
                        }
                    }
                }
            }
        } finally {
            for (SDVariable v : inference.variables()) {
                INDArray a = v.getArr();
                if (a != null && a.closeable()) {
                    a.close();
                }
            }
        }
        return new Score(loss / images.size(), correct / (double) images.size());
    }

    @Override
    public Map<String, Object> runIdentity() {
        return Map.of("trainExamples", train.size(), "validationExamples", val.size(), "augmentation", augmentation.describe(),
                "labelOrder", order.name(), "dropout", dropout);
    }

    @Override
    public ModelArchive export(Map<String, Object> provenance) {
        Map<String, Object> meta = new LinkedHashMap<>(description);
        meta.put("kind", KIND);
        meta.put("inputSize", FaceCnn.SIZE);
        meta.put("labelOrder", order.emotions().stream().map(e -> e.label()).toList());
        meta.put("augmentation", augmentation.describe());
        meta.put("dropout", dropout);
        meta.put("provenance", new LinkedHashMap<>(provenance));
        return ModelArchive.of(meta, "weights.", stateDict());
    }

    /** The batch size the training graph was built for. */
    public int batchSize() {
        return batch;
    }
}
