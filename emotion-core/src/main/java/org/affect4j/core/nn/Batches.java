package org.affect4j.core.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Batches for the networks: examples (flat float arrays) stacked into one ND4J array. */
public final class Batches {

    private Batches() {
    }

    /**
     * The examples at {@code idx} stacked into one array of shape (idx.length, exampleShape...).
     *
     * @throws IllegalArgumentException naming the example whose length does not match {@code exampleShape}
     */
    public static INDArray stack(List<float[]> xs, int[] idx, long... exampleShape) {
        long size = 1;
        for (long d : exampleShape) {
            size *= d;
        }
        int per = Math.toIntExact(size);
        for (int i : idx) {
            if (xs.get(i).length != per) {
                throw new IllegalArgumentException("example " + i + " has " + xs.get(i).length + " values, expected " + per);
            }
        }
        float[] buf = new float[idx.length * per];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(xs.get(idx[i]), 0, buf, i * per, per);
        }
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = idx.length;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return Nd4j.create(buf, shape, 'c');
    }
}
