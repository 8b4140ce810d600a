package org.affect4j.vision.net;

import java.util.List;
import java.util.Objects;
import org.affect4j.core.checkpoint.TfjsGraphModel;
import org.affect4j.vision.face.RgbTensor;

/**
 * Human's {@code emotion} net (the FER2013-trained mini-Xception of oarriaga/face_classification, as a TensorFlow.js
 * graph model) run by {@link TfjsGraphNet}, fed as Human's {@code gear/emotion.ts} feeds it: the face crop scaled to
 * 0..1, resized bilinearly to 64×64, turned grey with weights (0.2989, 0.5870, 0.1140), then {@code (g − 0.5) · 2}.
 * Output: 7 probabilities (the graph ends in a softmax) in the order angry, disgust, fear, happy, sad, surprise,
 * neutral. Thread-safe.
 */
public final class HumanEmotionNet implements AutoCloseable {

    /** Side of the network's square grey input. */
    public static final int SIZE = 64;
    private static final float[] GREY = {0.2989f, 0.5870f, 0.1140f};

    private final TfjsGraphNet graph;

    private HumanEmotionNet(TfjsGraphNet graph) {
        long[] s = graph.inputShape();
        if (s[1] != SIZE || s[2] != SIZE || s[3] != 1) {
            graph.close();
            throw new org.affect4j.core.CheckpointException(null, "Human's emotion graph takes 64x64x1, this one "
                    + java.util.Arrays.toString(s));
        }
        this.graph = graph;
    }

    /** Builds the net from the graph model ({@code emotion.json}: input {@code input_1}, output {@code Identity}). */
    public static HumanEmotionNet create(TfjsGraphModel model) {
        Objects.requireNonNull(model, "model");
        return new HumanEmotionNet(TfjsGraphNet.create(model, "input_1", "Identity"));
    }

    /** Human's input for one RGB crop (0..255): 64×64 grey, scaled to [−1, 1]. */
    public static float[] input(RgbTensor crop) {
        Objects.requireNonNull(crop, "crop");
        float[] v = crop.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] / 255f;
        }
        float[] rgb = RgbTensor.of(crop.height(), crop.width(), 3, v).resizeBilinear(SIZE, SIZE).values();
        float[] g = new float[SIZE * SIZE];
        for (int i = 0; i < g.length; i++) {
            double sum = (double) (rgb[3 * i] * GREY[0]) + (rgb[3 * i + 1] * GREY[1]) + (rgb[3 * i + 2] * GREY[2]);
            g[i] = ((float) sum - 0.5f) * 2f;
        }
        return g;
    }

    /** Probabilities (7, Human's order) for each crop, batched through the network (at most 32 per pass). */
    public float[][] forward(List<RgbTensor> crops) {
        Objects.requireNonNull(crops, "crops");
        float[][] out = new float[crops.size()][];
        int per = SIZE * SIZE;
        for (int from = 0; from < crops.size(); from += FaceApiNet.MAX_BATCH) {
            int n = Math.min(FaceApiNet.MAX_BATCH, crops.size() - from);
            float[] batch = new float[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(input(crops.get(from + i)), 0, batch, i * per, per);
            }
            System.arraycopy(graph.forward(batch, n), 0, out, from, n);
        }
        return out;
    }

    @Override
    public void close() {
        graph.close();
    }
}
