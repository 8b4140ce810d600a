package org.affect4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.vision.net.EmoNetLstm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EmoNet per frame at batch 1 and 8 on each {@link InferenceEngine}, the LSTM head per clip, a whole EmoNet-LSTM
 * clip (90 frames; single shot: tens of seconds per op on 2 cores), and the fusion layer per clip. Select with
 * {@code -p engine=EAGER} to skip the reference graph. Weights: the shared random fixtures (speed does not
 * depend on the values).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class VisionBenchmarks {

    @Param({"1", "8"})
    public int frames;

    /** How EmoNet runs ({@link InferenceEngine}); the LSTM head and fusion layer are SameDiff graphs either way. */
    @Param({"EAGER", "SAMEDIFF"})
    public InferenceEngine engine;

    private EmoNetLstm net;
    private FusionNet fusion;
    private float[] input;
    private float[][] expressions;
    private float[] clip;

    @Setup(Level.Trial)
    public void setUp() {
        StateDict w = TorchCheckpoint.loadStateDict(Shared.file("reference/vision/multimodal_random.pkl"));
        net = EmoNetLstm.create(w, 8, engine);
        fusion = FusionNet.create(w);
        java.util.Random r = new java.util.Random(1);
        input = new float[frames * 3 * 256 * 256];
        for (int i = 0; i < input.length; i++) {
            input[i] = r.nextFloat();
        }
        expressions = new float[90][8];
        for (float[] e : expressions) {
            for (int i = 0; i < 8; i++) {
                e[i] = (float) r.nextGaussian();
            }
        }
        clip = new float[90 * 3 * 256 * 256];
        for (int f = 0; f < 90; f++) {
            System.arraycopy(input, 0, clip, f * 3 * 256 * 256, 3 * 256 * 256);
        }
    }

    /** EmoNet on {@code frames} frames in one batch (divide by frames for the per-frame time). */
    @Benchmark
    public EmoNetLstm.FrameOutputs emonet() {
        return net.frames(input, frames);
    }

    /** The bidirectional LSTM head on one clip's 90 expression vectors. */
    @Benchmark
    public float[] lstmHeadPerClip() {
        return net.sequenceLogits(expressions);
    }

    /** The fusion layer per clip. */
    @Benchmark
    public float[] fusionPerClip() {
        return fusion.fuse(expressions[0], expressions[1]);
    }

    /** A whole EmoNet-LSTM clip: 90 frames through EmoNet (batches of 8) and the LSTM head. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public float[] emonetLstmPerClip() {
        return net.sequenceLogits(net.frames(clip, 90).expression());
    }
}
