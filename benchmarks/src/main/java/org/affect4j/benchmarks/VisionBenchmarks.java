package org.affect4j.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.fusion.net.FusionNet;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EmoNet per frame at batch 1 and 8 on each {@link InferenceEngine}, the LSTM head per clip, the fusion layer per
 * clip, and a whole EmoNet-LSTM clip (90 frames, single shot) on each engine. Each benchmark takes only the
 * parameters it depends on. Weights: the shared random fixtures (speed does not depend on the values).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class VisionBenchmarks {

    static StateDict weights() {
        return TorchCheckpoint.loadStateDict(Shared.file("reference/vision/multimodal_random.pkl"));
    }

    static float[] frames(int n) {
        Random r = new Random(1);
        float[] x = new float[n * 3 * 256 * 256];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    static float[][] expressions() {
        Random r = new Random(2);
        float[][] e = new float[90][8];
        for (float[] row : e) {
            for (int i = 0; i < 8; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        return e;
    }

    /** EmoNet-LSTM on one engine with {@code frames} random frames. */
    @State(Scope.Benchmark)
    public static class Frames {
        @Param({"1", "8"})
        public int frames;

        @Param({"EAGER", "SAMEDIFF"})
        public InferenceEngine engine;

        EmoNetLstm net;
        float[] input;

        @Setup(Level.Trial)
        public void setUp() {
            net = EmoNetLstm.create(weights(), 8, engine);
            input = frames(frames);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            net.close();
        }
    }

    /** EmoNet-LSTM on one engine with a 90-frame clip. */
    @State(Scope.Benchmark)
    public static class WholeClip {
        @Param({"EAGER", "SAMEDIFF"})
        public InferenceEngine engine;

        EmoNetLstm net;
        float[] clip;

        @Setup(Level.Trial)
        public void setUp() {
            net = EmoNetLstm.create(weights(), 8, engine);
            float[] one = frames(1);
            clip = new float[90 * one.length];
            for (int f = 0; f < 90; f++) {
                System.arraycopy(one, 0, clip, f * one.length, one.length);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            net.close();
        }
    }

    /** The LSTM head and the fusion layer (SameDiff graphs, independent of the EmoNet engine). */
    @State(Scope.Benchmark)
    public static class Heads {
        EmoNetLstm net;
        FusionNet fusion;
        float[][] expressions;

        @Setup(Level.Trial)
        public void setUp() {
            StateDict w = weights();
            net = EmoNetLstm.create(w, 8);
            fusion = FusionNet.create(w);
            expressions = expressions();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            net.close();
        }
    }

    /** EmoNet on {@code frames} frames in one batch (divide by frames for the per-frame time). */
    @Benchmark
    public EmoNetLstm.FrameOutputs emonet(Frames s) {
        return s.net.frames(s.input, s.frames);
    }

    /** The bidirectional LSTM head on one clip's 90 expression vectors. */
    @Benchmark
    public float[] lstmHeadPerClip(Heads s) {
        return s.net.sequenceLogits(s.expressions);
    }

    /** The fusion layer per clip. */
    @Benchmark
    public float[] fusionPerClip(Heads s) {
        return s.fusion.fuse(s.expressions[0], s.expressions[1]);
    }

    /** A whole EmoNet-LSTM clip: 90 frames through EmoNet (batches of 8) and the LSTM head. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public float[] emonetLstmPerClip(WholeClip s) {
        return s.net.sequenceLogits(s.net.frames(s.clip, 90).expression());
    }
}
