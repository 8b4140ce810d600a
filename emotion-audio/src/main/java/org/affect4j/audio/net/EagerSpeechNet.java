package org.affect4j.audio.net;

import static org.affect4j.audio.net.SpeechArchitecture.*;

import java.util.Objects;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.nn.BlasThreads;
import org.affect4j.core.nn.EagerSupport;
import org.affect4j.core.nn.StrictWeights;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The speech network ({@link SpeechArchitecture}) executed op by op on ND4J — the same layers and weights as the
 * SameDiff graph of {@link SpeechNet#build(StateDict)}, without a graph session. At batch 1 the network is ≈ 200
 * small ops, and SameDiff's per-op session bookkeeping costs more than the arithmetic; here each layer is one or a
 * few native calls on weights prepared once at load time:
 * <ul>
 *   <li>batch norm folded into the convolutions; activations in NHWC and conv weights in OYXI (oneDNN's kernels
 *       measured faster on NHWC than on NCHW here; with one input channel the input is already NHWC);</li>
 *   <li>linear weights stored transposed, so every projection is one GEMM plus a row-vector bias;</li>
 *   <li>the attention scale 1/√16 = 0.25 folded into the query projection (a power of two: exact in float).</li>
 * </ul>
 * Every intermediate array lives in a per-thread ND4J workspace that is reset on each call, so native memory stays
 * flat without relying on the garbage collector; results leave the workspace as Java arrays.
 *
 * <p>Thread policy: a batch of one clip runs its kernels on the calling thread alone (the OpenMP thread count is set
 * for that thread only, for the duration of the call, and restored), because at batch 1 the kernels are too small
 * to gain from a second core and OpenMP's barriers give a long latency tail when the JVM's own threads compete for
 * the cores; larger batches use the backend's thread count. Concurrent callers therefore scale across cores. Creating the first
 * network applies Affect4J's process-wide BLAS thread setting ({@link BlasThreads}).
 *
 * <p>Thread-safe: weights are read-only after construction and workspaces are per thread. {@link #close()} releases
 * the weights' native memory; call it only when no forward pass is running.
 */
public final class EagerSpeechNet implements AutoCloseable {


    private final String workspaceId = "affect4j-speech-" + System.identityHashCode(this);
    private final INDArray[] convWeight = new INDArray[STAGES.length];
    private final INDArray[] convBias = new INDArray[STAGES.length];
    private final Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dH(1).dW(1)
            .dataFormat("NHWC").weightsFormat(WeightsFormat.OYXI).build();
    private final Pooling2DConfig[] pools = new Pooling2DConfig[STAGES.length];
    private final Pooling2DConfig seqPool = Pooling2DConfig.builder().kH(2).kW(4).sH(2).sW(4).isNHWC(false).build();
    private final EncoderLayer[] layers = new EncoderLayer[LAYERS];
    private final INDArray outWeightT;
    private final INDArray outBias;
    private volatile boolean closed;

    private EagerSpeechNet(StateDict weights) {
        StrictWeights w = new StrictWeights(weights);
        for (int s = 0; s < STAGES.length; s++) {
            int cin = STAGES[s][0];
            int cout = STAGES[s][1];
            float[][] folded = w.foldedConvBatchNorm(conv(s), batchNorm(s), cin, cout, 3);
            convWeight[s] = EagerSupport.oyxi(folded[0], cout, cin, 3);
            convBias[s] = Nd4j.create(folded[1], new long[] {cout}, 'c');
            int p = STAGES[s][2];
            pools[s] = Pooling2DConfig.builder().kH(p).kW(p).sH(p).sW(p).isNHWC(true).build();
        }
        for (int l = 0; l < LAYERS; l++) {
            layers[l] = new EncoderLayer(w, encoderLayer(l));
        }
        outWeightT = EagerSupport.transposed(w.floats(OUT + "weight", N_CLASSES, FEATURES), N_CLASSES, FEATURES);
        outBias = EagerSupport.row(w.floats(OUT + "bias", N_CLASSES));
        w.finish("num_batches_tracked");
    }

    /**
     * Prepares the network from a PyTorch-layout state dict (strict: missing, unexpected or mis-shaped tensors fail
     * with one {@link org.affect4j.core.CheckpointException} naming them).
     */
    public static EagerSpeechNet create(StateDict weights) {
        Objects.requireNonNull(weights, "weights");
        return EagerSupport.prepare(() -> new EagerSpeechNet(weights));
    }

    /**
     * Logits for {@code batch} clips whose scaled features lie back to back in {@code features}
     * ({@code batch × 128 × 563} values, row-major); returns {@code batch} rows of 8 logits in the seed's label order.
     *
     * @throws IllegalArgumentException if the array length does not match {@code batch}
     */
    public float[][] logits(float[] features, int batch) {
        Objects.requireNonNull(features, "features");
        long per = (long) N_MELS * N_FRAMES;
        if (batch < 1 || features.length != batch * per) {
            throw new IllegalArgumentException("expected " + batch + " x " + per + " feature values for batch " + batch
                    + ", got " + features.length);
        }
        if (closed) {
            throw new IllegalStateException("speech network is closed");
        }
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = ops.ompGetMaxThreads();
        boolean single = batch == 1 && threads > 1;
        if (single) {
            ops.setOmpNumThreads(1); // this thread's OpenMP setting only (an OpenMP ICV is per thread)
        }
        try {
            return EagerSupport.inWorkspace(workspaceId, () ->
                    forward(Nd4j.create(features, new long[] {batch, 1, N_MELS, N_FRAMES}, 'c'), batch));
        } finally {
            if (single) {
                ops.setOmpNumThreads(threads);
            }
        }
    }

    /** (B, 1, 128, 563) → (B, 8); every array it creates belongs to the caller's active workspace. */
    private INDArray forward(INDArray x, int batch) {
        // CNN branch, NHWC (one input channel: the same memory as NCHW): 4 × [conv+BN → ReLU → max-pool]
        // → (B, 1, 4, 64) → PyTorch's flatten order (B, 64, 1, 4) → 256
        INDArray h = x.reshape('c', batch, N_MELS, N_FRAMES, 1);
        for (int s = 0; s < STAGES.length; s++) {
            h = Nd4j.cnn().conv2d(h, convWeight[s], convBias[s], conv);
            Transforms.relu(h, false);
            h = Nd4j.cnn().maxPooling2d(h, pools[s]);
        }
        INDArray cnn = h.permute(0, 3, 1, 2).dup('c').reshape('c', batch, CNN_FEATURES);

        // Transformer branch: max-pool (2, 4) → (B, 140 t, 64) → 4 encoder layers → mean over time
        INDArray pooled = Nd4j.cnn().maxPooling2d(x, seqPool).reshape('c', batch, D_MODEL, SEQ);
        INDArray seq = pooled.permute(0, 2, 1).dup('c').reshape('c', (long) batch * SEQ, D_MODEL);
        for (EncoderLayer layer : layers) {
            seq = layer.forward(seq, batch);
        }
        INDArray trf = seq.reshape('c', batch, SEQ, D_MODEL).mean(1);

        INDArray features = Nd4j.concat(1, cnn, trf);
        return Nd4j.matmul(features, outWeightT).addiRowVector(outBias);
    }

    /** One post-LN {@code TransformerEncoderLayer} (d_model 64, 4 heads, ff 512, ReLU) on rows (B·T, 64). */
    private static final class EncoderLayer {
        final INDArray inProjT;   // (64, 192), query columns scaled by 1/sqrt(16)
        final INDArray inBias;    // (1, 192), query part scaled likewise
        final INDArray outProjT;  // (64, 64)
        final INDArray outBias;
        final INDArray linear1T;  // (64, 512)
        final INDArray linear1Bias;
        final INDArray linear2T;  // (512, 64)
        final INDArray linear2Bias;
        final INDArray norm1Gamma;
        final INDArray norm1Beta;
        final INDArray norm2Gamma;
        final INDArray norm2Beta;

        EncoderLayer(StrictWeights w, String p) {
            float[] in = w.floats(p + "self_attn.in_proj_weight", 3 * D_MODEL, D_MODEL);
            float[] inB = w.floats(p + "self_attn.in_proj_bias", 3 * D_MODEL);
            float scale = (float) (1.0 / Math.sqrt(HEAD_DIM));
            for (int i = 0; i < D_MODEL * D_MODEL; i++) {
                in[i] *= scale;
            }
            for (int i = 0; i < D_MODEL; i++) {
                inB[i] *= scale;
            }
            inProjT = EagerSupport.transposed(in, 3 * D_MODEL, D_MODEL);
            inBias = EagerSupport.row(inB);
            outProjT = EagerSupport.transposed(w.floats(p + "self_attn.out_proj.weight", D_MODEL, D_MODEL), D_MODEL, D_MODEL);
            outBias = EagerSupport.row(w.floats(p + "self_attn.out_proj.bias", D_MODEL));
            linear1T = EagerSupport.transposed(w.floats(p + "linear1.weight", FF, D_MODEL), FF, D_MODEL);
            linear1Bias = EagerSupport.row(w.floats(p + "linear1.bias", FF));
            linear2T = EagerSupport.transposed(w.floats(p + "linear2.weight", D_MODEL, FF), D_MODEL, FF);
            linear2Bias = EagerSupport.row(w.floats(p + "linear2.bias", D_MODEL));
            norm1Gamma = EagerSupport.row(w.floats(p + "norm1.weight", D_MODEL));
            norm1Beta = EagerSupport.row(w.floats(p + "norm1.bias", D_MODEL));
            norm2Gamma = EagerSupport.row(w.floats(p + "norm2.weight", D_MODEL));
            norm2Beta = EagerSupport.row(w.floats(p + "norm2.bias", D_MODEL));
        }

        INDArray forward(INDArray x, int batch) {
            INDArray qkv = Nd4j.matmul(x, inProjT).addiRowVector(inBias);                                   // (B·T, 192)
            INDArray q = heads(qkv, 0, batch);
            INDArray k = heads(qkv, 1, batch);
            INDArray v = heads(qkv, 2, batch);
            INDArray scores = Nd4j.matmul(q, k, false, true, false);                                 // (B, H, T, T)
            INDArray attn = Nd4j.nn().softmax(scores, 3);
            INDArray ctx = Nd4j.matmul(attn, v)                                                      // (B, H, T, d)
                    .permute(0, 2, 1, 3).dup('c').reshape('c', (long) batch * SEQ, D_MODEL);
            INDArray h = Nd4j.matmul(ctx, outProjT).addiRowVector(outBias).addi(x);
            layerNorm(h, norm1Gamma, norm1Beta);
            INDArray ff = Transforms.relu(Nd4j.matmul(h, linear1T).addiRowVector(linear1Bias), false);
            INDArray out = Nd4j.matmul(ff, linear2T).addiRowVector(linear2Bias).addi(h);
            layerNorm(out, norm2Gamma, norm2Beta);
            return out;
        }

        /** Columns of projection {@code which} (0 q, 1 k, 2 v) as (B, H, T, d), contiguous. */
        private static INDArray heads(INDArray qkv, int which, int batch) {
            INDArray cols = qkv.get(NDArrayIndex.all(), NDArrayIndex.interval(which * D_MODEL, (which + 1) * D_MODEL));
            return cols.dup('c').reshape('c', batch, SEQ, HEADS, HEAD_DIM).permute(0, 2, 1, 3).dup('c');
        }
    }

    /** LayerNorm over the last axis of a 2-D array, in place, with PyTorch's epsilon (biased variance). */
    private static void layerNorm(INDArray x, INDArray gamma, INDArray beta) {
        INDArray mean = x.mean(true, 1);
        x.subiColumnVector(mean);
        INDArray std = x.mul(x).mean(true, 1).addi(EPS);
        Transforms.sqrt(std, false);
        x.diviColumnVector(std).muliRowVector(gamma).addiRowVector(beta);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int s = 0; s < STAGES.length; s++) {
            convWeight[s].close();
            convBias[s].close();
        }
        for (EncoderLayer l : layers) {
            for (INDArray a : new INDArray[] {l.inProjT, l.inBias, l.outProjT, l.outBias, l.linear1T, l.linear1Bias, l.linear2T,
                    l.linear2Bias, l.norm1Gamma, l.norm1Beta, l.norm2Gamma, l.norm2Beta}) {
                a.close();
            }
        }
        outWeightT.close();
        outBias.close();
    }

}
