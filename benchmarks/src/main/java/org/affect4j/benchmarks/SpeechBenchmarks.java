package org.affect4j.benchmarks;

import org.affect4j.core.nn.InferenceEngine;
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
 * The speech hot path: mel front end per clip, network at batch 1 and 32, end-to-end predict from a WAV file.
 * Backend: whatever the build selected (CPU by default, {@code -Pcuda} for the GPU).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SpeechBenchmarks {

    @Param({"1", "32"})
    public int batch;

    /** {@link InferenceEngine}: EAGER (default) or SAMEDIFF (the reference graph). */
    @Param({"EAGER", "SAMEDIFF"})
    public InferenceEngine engine;

    private SpeechModel model;
    private AudioSignal signal;
    private List<float[]> inputs;
    private Clip clip;

    @Setup(Level.Trial)
    public void setUp() {
        model = SpeechModel.create(TorchCheckpoint.loadStateDict(Shared.file("reference/speech/cnn_transf_parallel_model.pt")),
                SpeechInput.seed(SklearnScaler.read(Shared.file("reference/speech/speech_data_scaler.pkl"))),
                LabelOrder.SEED_SPEECH, 32, SpeechModel.DEFAULT_SILENCE_PEAK, engine);
        clip = Clip.of(Shared.file("data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav"));
        signal = WavDecoder.decode(clip.file().orElseThrow());
        float[] x = model.features(clip).scaled();
        inputs = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            inputs.add(x);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    /** Window + log-mel + scaler for one clip (independent of the batch parameter). */
    @Benchmark
    public float[] melFrontendPerClip() {
        return model.input().scale(model.input().melDb(model.input().window(signal)));
    }

    /** The network alone on {@code batch} scaled inputs. */
    @Benchmark
    public List<float[]> speechNetwork() {
        return model.logits(inputs);
    }

    /** WAV file → prediction, one clip (independent of the batch parameter). */
    @Benchmark
    public Prediction endToEndPredict() {
        return model.predict(clip);
    }
}
