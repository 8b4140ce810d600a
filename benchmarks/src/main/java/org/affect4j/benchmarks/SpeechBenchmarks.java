package org.affect4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.affect4j.audio.SpeechModel;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.Clip;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Prediction;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.nn.InferenceEngine;
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
 * The speech hot path: mel front end per clip; the network at batch 1 and 32 on each {@link InferenceEngine};
 * end-to-end predict from a WAV file (batch 1) on each engine. Each benchmark takes only the parameters it depends
 * on. Backend: whatever the build selected (CPU by default, {@code -Pcuda} for the GPU).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SpeechBenchmarks {

    static SpeechModel seedModel(InferenceEngine engine) {
        return SpeechModel.create(TorchCheckpoint.loadStateDict(Shared.file("reference/speech/cnn_transf_parallel_model.pt")),
                SpeechInput.seed(SklearnScaler.read(Shared.file("reference/speech/speech_data_scaler.pkl"))),
                LabelOrder.SEED_SPEECH, 32, SpeechModel.DEFAULT_SILENCE_PEAK, engine);
    }

    static Clip clip() {
        return Clip.of(Shared.file("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav"));
    }

    /** A decoded clip and the seed's feature pipeline. */
    @State(Scope.Benchmark)
    public static class Audio {
        SpeechInput input;
        AudioSignal signal;

        @Setup(Level.Trial)
        public void setUp() {
            input = SpeechInput.seed(SklearnScaler.read(Shared.file("reference/speech/speech_data_scaler.pkl")));
            signal = WavDecoder.decode(clip().file().orElseThrow());
        }
    }

    /** The seed's model on one engine, with {@code batch} copies of a clip's features. */
    @State(Scope.Benchmark)
    public static class Network {
        @Param({"1", "32"})
        public int batch;

        @Param({"EAGER", "SAMEDIFF"})
        public InferenceEngine engine;

        SpeechModel model;
        List<float[]> inputs;

        @Setup(Level.Trial)
        public void setUp() {
            model = seedModel(engine);
            float[] x = model.features(clip()).scaled();
            inputs = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                inputs.add(x);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            model.close();
        }
    }

    /** The seed's model on one engine, for whole predicts. */
    @State(Scope.Benchmark)
    public static class Pipeline {
        @Param({"EAGER", "SAMEDIFF"})
        public InferenceEngine engine;

        SpeechModel model;
        Clip clip;

        @Setup(Level.Trial)
        public void setUp() {
            model = seedModel(engine);
            clip = clip();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            model.close();
        }
    }

    /** Window + log-mel + scaler for one clip. */
    @Benchmark
    public float[] melFrontendPerClip(Audio a) {
        return a.input.scale(a.input.melDb(a.input.window(a.signal)));
    }

    /** The network alone on {@code batch} scaled inputs. */
    @Benchmark
    public List<float[]> speechNetwork(Network n) {
        return n.model.logits(n.inputs);
    }

    /** WAV file → prediction, one clip: decode, window, mel, scaler, network, softmax. */
    @Benchmark
    public Prediction endToEndPredict(Pipeline p) {
        return p.model.predict(p.clip);
    }
}
