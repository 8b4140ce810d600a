package org.affect4j.vision.facenets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.affect4j.core.checkpoint.Json;
import org.affect4j.core.checkpoint.TfjsGraphModel;
import org.affect4j.core.checkpoint.TfjsWeights;
import org.affect4j.testing.Close;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.expression.FaceModel;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.face.TinyFaceDetector;
import org.affect4j.vision.net.FaceApiNet;
import org.affect4j.vision.net.HumanEmotionNet;
import org.affect4j.vision.net.TinyFaceNet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The face networks on ND4J against the outputs of their own framework (TensorFlow.js 4.22, pure-JS CPU backend,
 * face-api.js 1.7.15's network code, Human's emotion preprocessing), made by {@code src/test/tfjs/make-face-refs.cjs}
 * on the real images and frames of {@link FaceRefCases}: {@code src/test/resources/face-refs/face-refs.json}. Every
 * network output must agree within 1e-4 of the largest reference magnitude (at least 1e-4 absolute); the measured
 * error is printed. Detections must match in number, boxes within 0.01 px and scores within 1e-5.
 */
class FaceNetsParityTest {

    private static final double REL = 1e-4;
    private static FaceApiNet expression;
    private static FaceApiNet landmarks;
    private static FaceApiNet landmarksTiny;
    private static TinyFaceNet detectorNet;
    private static TinyFaceDetector detector;
    private static HumanEmotionNet human;
    private static Map<String, Map<?, ?>> refs;
    private static double worst;

    @BeforeAll
    static void load() throws IOException {
        String api = "reference/face-models/face-api/";
        expression = FaceApiNet.create(TfjsWeights.read(SharedData.require(api + "face_expression_model-weights_manifest.json")),
                FaceApiNet.Variant.EXPRESSION);
        landmarks = FaceApiNet.create(TfjsWeights.read(SharedData.require(api + "face_landmark_68_model-weights_manifest.json")),
                FaceApiNet.Variant.LANDMARKS_68);
        landmarksTiny = FaceApiNet.create(TfjsWeights.read(SharedData.require(api + "face_landmark_68_tiny_model-weights_manifest.json")),
                FaceApiNet.Variant.LANDMARKS_68_TINY);
        var detWeights = TfjsWeights.read(SharedData.require(api + "tiny_face_detector_model-weights_manifest.json"));
        detectorNet = TinyFaceNet.create(detWeights);
        detector = TinyFaceDetector.create(detWeights);
        human = HumanEmotionNet.create(TfjsGraphModel.read(SharedData.require("reference/face-models/human/emotion.json")));
        try (InputStream in = FaceNetsParityTest.class.getResourceAsStream("/face-refs/face-refs.json")) {
            Map<?, ?> root = (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            refs = new java.util.LinkedHashMap<>();
            for (Object r : (List<?>) root.get("results")) {
                refs.put((String) ((Map<?, ?>) r).get("name"), (Map<?, ?>) r);
            }
            System.out.println("reference: " + root.get("meta"));
        }
    }

    @AfterAll
    static void close() {
        for (AutoCloseable c : new AutoCloseable[] {expression, landmarks, landmarksTiny, detectorNet, detector, human}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        System.out.printf("face nets vs TensorFlow.js: worst relative error over all outputs %.3g (bound %.0e)%n", worst, REL);
    }

    @Test
    void faceCropNetworksMatchTensorFlowJs() {
        int n = 0;
        for (FaceRefCases.Case c : FaceRefCases.all()) {
            if (c.kind().equals("face")) {
                checkFace(c.name(), RgbTensor.of(c.image()), refs.get(c.name()));
                n++;
            }
        }
        assertEquals(7, n);
    }

    @Test
    void detectorMatchesTensorFlowJsOnFrames() {
        int faces = 0;
        for (FaceRefCases.Case c : FaceRefCases.all()) {
            if (!c.kind().equals("frame")) {
                continue;
            }
            Map<?, ?> r = refs.get(c.name());
            int size = ((Double) r.get("inputSize")).intValue();
            RgbTensor square = RgbTensor.of(c.image()).padToSquare(false).resizeBilinear(size, size);
            float[] raw = detectorNet.forward(square.values(), 1, size)[0];
            compare(c.name() + " detector grid", floats(r.get("detectorRaw")), raw);
            List<TinyFaceDetector.Detection> got = detector.detections(c.image());
            List<?> want = (List<?>) r.get("faces");
            assertEquals(want.size(), got.size(), c.name() + ": number of faces");
            RgbTensor image = RgbTensor.of(c.image());
            for (int i = 0; i < want.size(); i++) {
                Map<?, ?> f = (Map<?, ?>) want.get(i);
                float[] box = floats(f.get("box"));
                var b = got.get(i).box();
                double[] mine = {b.x0(), b.y0(), b.width(), b.height()};
                double err = 0;
                for (int k = 0; k < 4; k++) {
                    err = Math.max(err, Math.abs(mine[k] - box[k]));
                }
                System.out.printf("%s face %d: score %.6f (ref %.6f), box max |diff| %.2g px%n", c.name(), i, got.get(i).score(),
                        (Double) f.get("score"), err);
                assertTrue(err < 0.01, c.name() + " box differs by " + err + " px");
                assertEquals((Double) f.get("score"), got.get(i).score(), 1e-5, c.name() + " score");
                RgbTensor crop = TinyFaceDetector.crop(image, b);
                float[] shape = floats(f.get("cropShape"));
                assertArrayEquals(new int[] {(int) shape[0], (int) shape[1]}, new int[] {crop.height(), crop.width()}, c.name() + " crop");
                checkFace(c.name() + " face " + i, crop, f);
                faces++;
            }
        }
        assertTrue(faces >= 3, "the reference frames hold faces: " + faces);
    }

    private static void checkFace(String name, RgbTensor crop, Map<?, ?> r) {
        float[] logits = expression.forward(List.of(crop))[0];
        compare(name + " expression logits", floats(r.get("expressionLogits")), logits);
        compare(name + " expression probabilities", floats(r.get("expression")), softmax(logits));
        compare(name + " 68 landmarks", floats(r.get("landmarkRaw")), landmarks.forward(List.of(crop))[0]);
        compare(name + " 68 landmarks (tiny)", floats(r.get("landmarkTinyRaw")), landmarksTiny.forward(List.of(crop))[0]);
        compare(name + " Human emotion", floats(r.get("human")), human.forward(List.of(crop))[0]);
    }

    private static void compare(String what, float[] ref, float[] got) {
        double scale = 0;
        for (float v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        worst = Math.max(worst, Close.assertClose(ref, got, REL, what) / Math.max(1.0, scale));
    }

    /** Probabilities in the face-api label order, through the library's own {@link Prediction}. */
    static float[] softmax(float[] z) {
        LabelOrder order = FaceModel.FACE_API_EXPRESSION.labels();
        Prediction p = Prediction.fromLogits(z, order, EnumSet.of(Modality.VIDEO));
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) p.probability(order.emotionAt(i));
        }
        return out;
    }

    static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Double) l.get(i)).floatValue();
        }
        return out;
    }

}
