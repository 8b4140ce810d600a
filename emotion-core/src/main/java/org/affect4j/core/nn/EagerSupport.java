package org.affect4j.core.nn;

import java.util.Objects;
import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the eager inference networks share: weights prepared outside any workspace in the layouts the ND4J kernels
 * want, and a forward pass run inside a per-thread workspace that is reset on every call (so native memory stays
 * flat without relying on the garbage collector).
 */
public final class EagerSupport {

    /** Learns its size on the first call, grows when a larger batch comes, reused (reset) on every call. */
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.1)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private EagerSupport() {
    }

    /**
     * Builds a network's weights outside any active workspace (they must outlive every call), after applying the
     * process-wide BLAS setting ({@link BlasThreads}).
     */
    public static <T> T prepare(Supplier<T> network) {
        BlasThreads.applyOnce();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return network.get();
        }
    }

    /**
     * Runs {@code forward} inside the calling thread's workspace {@code workspaceId} and copies its result out as
     * Java rows before the workspace is reset.
     */
    public static float[][] inWorkspace(String workspaceId, Supplier<INDArray> forward) {
        Objects.requireNonNull(forward, "forward");
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId)) {
            return forward.get().toFloatMatrix();
        }
    }

    /** PyTorch's OIYX conv weight rearranged to OYXI, the weight layout of NHWC convolutions. */
    public static INDArray oyxi(float[] oiyx, int cout, int cin, int k) {
        if (oiyx.length != cout * cin * k * k) {
            throw new IllegalArgumentException("conv weight has " + oiyx.length + " values, expected " + cout + "x" + cin + "x" + k + "x" + k);
        }
        float[] t = new float[oiyx.length];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < cin; i++) {
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        t[((o * k + y) * k + x) * cin + i] = oiyx[((o * cin + i) * k + y) * k + x];
                    }
                }
            }
        }
        return Nd4j.create(t, new long[] {cout, k, k, cin}, 'c');
    }

    /** A PyTorch (out, in) linear weight as an (in, out) array, so that a projection is one {@code x · W}. */
    public static INDArray transposed(float[] w, int out, int in) {
        if (w.length != out * in) {
            throw new IllegalArgumentException("linear weight has " + w.length + " values, expected " + out + "x" + in);
        }
        float[] t = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * out + o] = w[o * in + i];
            }
        }
        return Nd4j.create(t, new long[] {in, out}, 'c');
    }

    /** A (1, n) row vector, for row-wise bias adds. */
    public static INDArray row(float[] v) {
        return Nd4j.create(v, new long[] {1, v.length}, 'c');
    }
}
