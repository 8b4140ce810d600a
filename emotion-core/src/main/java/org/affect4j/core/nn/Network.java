package org.affect4j.core.nn;

/**
 * A network ready to run, whatever the engine behind it ({@link InferenceEngine}): a batch of inputs laid back to back
 * in one array → one row of outputs (logits) per input. Implementations are thread-safe; {@link #close()} frees their
 * native weights and must not overlap a running call.
 */
public interface Network extends AutoCloseable {

    /**
     * Outputs for {@code batch} inputs whose values lie back to back in {@code input}.
     *
     * @throws IllegalArgumentException if {@code input}'s length is not {@code batch} inputs
     */
    float[][] logits(float[] input, int batch);

    /** Frees the network's native memory. */
    @Override
    void close();

    /** A network from its forward pass and what frees it. */
    static Network of(java.util.function.BiFunction<float[], Integer, float[][]> forward, Runnable close) {
        return new Network() {
            @Override
            public float[][] logits(float[] input, int batch) {
                return forward.apply(input, batch);
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
