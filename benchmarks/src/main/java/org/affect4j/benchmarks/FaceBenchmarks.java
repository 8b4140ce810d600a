package org.affect4j.benchmarks;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.affect4j.vision.FaceExpressionVideoModel;
import org.affect4j.vision.VideoOptions;
import org.affect4j.core.VideoResult;
import org.affect4j.vision.expression.BundledFaceModels;
import org.affect4j.vision.expression.FaceExpressionClassifier;
import org.affect4j.vision.expression.FaceModel;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.face.TinyFaceDetector;
import org.affect4j.vision.io.BgrImage;
import org.affect4j.vision.io.VideoDecoder;
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
 * The bundled face road on a real 640×360 frame of the Pexels clip (one face): the TinyFaceDetector per frame, the
 * expression net per face at batch 1 and 32 (both bundled nets), and the whole bundled video pipeline
 * ({@link FaceExpressionVideoModel}: detect every k-th frame, track, align, classify) per frame over a decoded 3 s
 * window, for detector strides 1 and 3 (the default). Decoding is outside the timed part.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class FaceBenchmarks {

    static final String PEXELS = "data/faces/video/extra/WolfgangLanger_Pexels.mp4";

    static VideoDecoder.Decoded window() {
        return VideoDecoder.decode(Shared.file(PEXELS), 1.0, 4.0, false);
    }

    /** The detector and one frame. */
    @State(Scope.Benchmark)
    public static class Detector {
        TinyFaceDetector detector;
        BgrImage frame;

        @Setup(Level.Trial)
        public void setUp() {
            detector = BundledFaceModels.detector();
            frame = window().frames().get(0).image();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            detector.close();
        }
    }

    /** Detector per 640×360 frame (pad, resize to 416, network, decoding, suppression). */
    @Benchmark
    public List<FaceBox> detectorPerFrame(Detector s) {
        return s.detector.detect(s.frame);
    }

    /** An expression net and {@code faces} copies of a real face crop. */
    @State(Scope.Benchmark)
    public static class Expression {
        @Param({"1", "32"})
        public int faces;

        @Param({"FACE_API_EXPRESSION", "HUMAN_EMOTION"})
        public FaceModel model;

        FaceExpressionClassifier classifier;
        List<RgbTensor> crops;

        @Setup(Level.Trial)
        public void setUp() {
            classifier = BundledFaceModels.classifier(model);
            BgrImage frame = window().frames().get(0).image();
            try (TinyFaceDetector d = BundledFaceModels.detector()) {
                RgbTensor rgb = RgbTensor.of(frame);
                crops = Collections.nCopies(faces, TinyFaceDetector.crop(rgb, d.detect(frame).get(0)));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            classifier.close();
        }
    }

    /** Expression net for {@code faces} crops in one batch (divide by {@code faces} for the time per face). */
    @Benchmark
    public float[][] expressionNet(Expression s) {
        return s.classifier.logProbabilities(s.crops);
    }

    /** The whole bundled pipeline over a decoded 3 s window (72 frames). */
    @State(Scope.Benchmark)
    public static class Pipeline {
        @Param({"1", "3"})
        public int detectorStride;

        FaceExpressionVideoModel model;
        VideoDecoder.Decoded decoded;

        @Setup(Level.Trial)
        public void setUp() {
            model = FaceExpressionVideoModel.bundled(FaceModel.FACE_API_EXPRESSION, FaceExpressionVideoModel.CropStyle.ALIGNED,
                    VideoOptions.seed().withFrameBatch(32)).withDetectorStride(detectorStride);
            decoded = window();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            model.close();
        }
    }

    /** Milliseconds for the window; per frame = this / 72 (printed by the README's command). */
    @Benchmark
    public VideoResult pipelinePerWindow(Pipeline s) {
        return s.model.analyse(s.decoded, 1.0, null);
    }
}
