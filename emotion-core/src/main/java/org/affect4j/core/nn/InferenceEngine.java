package org.affect4j.core.nn;

/**
 * How a network's inference forward pass is executed. Both engines run the same layers on the same weights and are
 * held to the PyTorch reference by the parity tests; they differ in speed, not in results (beyond float rounding).
 */
public enum InferenceEngine {
    /**
     * Op by op on ND4J with weights prepared at load time (batch norms folded where they follow a convolution,
     * transposed projections) and every intermediate in a per-thread workspace reset per call. The default: no graph
     * session, so small batches are several times faster.
     */
    EAGER,
    /** The SameDiff graph — the reference port, and the graph that training differentiates. */
    SAMEDIFF
}
