package org.affect4j.vision.expression;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TfjsGraphModel;
import org.affect4j.core.checkpoint.TfjsWeights;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.face.TinyFaceDetector;
import org.affect4j.vision.net.FaceApiNet;
import org.affect4j.vision.net.HumanEmotionNet;

/**
 * Loads the face networks bundled in this jar ({@code org/affect4j/vision/models/}): nothing is read from disk or the
 * network. Each call builds a new network (a few hundred KB of weights, the library's own CNN a few MB; close it when
 * done). Stateless.
 */
public final class BundledFaceModels {

    static final String ROOT = "/org/affect4j/vision/models/";

    /**
     * Whether the bundled {@link FaceModel#AFFECT4J_FER2013} averages its logits over each crop and the crop's mirror
     * image (test-time augmentation); chosen on FER2013's validation split (docs/faces.md).
     */
    public static final boolean OWN_CNN_MIRROR_AVERAGE = true;

    private BundledFaceModels() {
    }

    /** face-api.js's TinyFaceDetector with its defaults (416 px input, score 0.5). */
    public static TinyFaceDetector detector() {
        return TinyFaceDetector.create(weights("tiny_face_detector_model"));
    }

    /** face-api.js's 68-point landmark net. */
    public static FaceApiNet landmarks68() {
        return FaceApiNet.create(weights("face_landmark_68_model"), FaceApiNet.Variant.LANDMARKS_68);
    }

    /** The bundled expression classifier {@code model}. */
    public static FaceExpressionClassifier classifier(FaceModel model) {
        Objects.requireNonNull(model, "model");
        return switch (model) {
            case FACE_API_EXPRESSION -> {
                FaceApiNet net = FaceApiNet.create(weights("face_expression_model"), FaceApiNet.Variant.EXPRESSION);
                yield new LogitsClassifier(model, net::forward, net::close);
            }
            case HUMAN_EMOTION -> new Human(HumanEmotionNet.create(
                    TfjsGraphModel.readResource(BundledFaceModels.class, ROOT + "human", "emotion.json")));
            case AFFECT4J_FER2013 -> {
                FaceCnnModel net = FaceCnnModel.bundled();
                yield new LogitsClassifier(model, crops -> net.cropLogits(crops, OWN_CNN_MIRROR_AVERAGE), net::close);
            }
        };
    }

    static StateDict weights(String name) {
        return TfjsWeights.readResource(BundledFaceModels.class, ROOT + "face-api", name + "-weights_manifest.json");
    }

    /** A bundled net whose outputs are logits: {@code logits} on the crops, then a log-softmax per row. */
    private record LogitsClassifier(FaceModel model, Function<List<RgbTensor>, float[][]> logits, Runnable closer)
            implements FaceExpressionClassifier {
        @Override
        public org.affect4j.core.LabelOrder labels() {
            return model.labels();
        }

        @Override
        public float[][] logProbabilities(List<RgbTensor> crops) {
            float[][] z = logits.apply(crops);
            for (float[] row : z) {
                org.affect4j.core.nn.Logits.logSoftmaxInPlace(row);
            }
            return z;
        }

        @Override
        public void close() {
            closer.run();
        }
    }

    /** Human's emotion net: its graph ends in a softmax; the log is taken here (floored at 1e-30). */
    private record Human(HumanEmotionNet net) implements FaceExpressionClassifier {
        @Override
        public FaceModel model() {
            return FaceModel.HUMAN_EMOTION;
        }

        @Override
        public org.affect4j.core.LabelOrder labels() {
            return FaceModel.HUMAN_EMOTION.labels();
        }

        @Override
        public float[][] logProbabilities(List<RgbTensor> crops) {
            float[][] p = net.forward(crops);
            for (float[] row : p) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) Math.log(Math.max(row[i], 1e-30));
                }
            }
            return p;
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
