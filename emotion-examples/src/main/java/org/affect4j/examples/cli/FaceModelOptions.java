package org.affect4j.examples.cli;

import java.nio.file.Path;
import java.util.Map;
import org.affect4j.EmotionDetector;
import org.affect4j.MultimodalDetector;
import org.affect4j.fusion.LateFusion;
import org.affect4j.vision.FaceExpressionVideoModel;
import org.affect4j.vision.expression.FaceModel;
import picocli.CommandLine.Option;

/**
 * Which face model a video command uses: the bundled face pipeline ({@code --face-model}, {@code --crop}) late-fused
 * with the bundled speech model ({@code --fusion-weights}), or — with the speech options' {@code --checkpoint} and
 * {@code --scaler} — the seed's multimodal model ({@code --face-detector}, {@code --emonet-stride}).
 */
final class FaceModelOptions {

    @Option(names = "--face-model", paramLabel = "face-api-expression|human-emotion|affect4j-fer2013",
            description = "the bundled face-expression net (default face-api-expression; affect4j-fer2013: the library's own)")
    String faceModel;

    @Option(names = "--crop", paramLabel = "aligned|box", description = "face crops for the bundled net (default aligned)")
    String crop;

    @Option(names = "--fusion-weights", paramLabel = "FACE,SPEECH", description = "late-fusion weights (default 1,1)")
    String fusionWeights;

    @Option(names = "--face-detector", paramLabel = "<haar.xml>",
            description = "seed multimodal model only: an OpenCV Haar cascade instead of the bundled face detector")
    Path faceDetector;

    @Option(names = "--emonet-stride", paramLabel = "K", description = "seed multimodal model only: run EmoNet on every K-th step (default 1)")
    Integer emonetStride;

    /**
     * Without {@code --checkpoint}: the bundled speech and face models with late fusion. With {@code --checkpoint} /
     * {@code --scaler}: the seed's multimodal model.
     */
    MultimodalDetector load(SpeechModelOptions speech) {
        MultimodalDetector.Builder b = EmotionDetector.multimodal();
        if (speech.checkpoint == null) {
            if (speech.scaler != null || faceDetector != null || emonetStride != null || speech.model != null || speech.bundled != null
                    || speech.windows != null) {
                String seedOnly = speech.scaler != null ? "scaler" : faceDetector != null ? "face-detector"
                        : emonetStride != null ? "emonet-stride" : speech.model != null ? "model" : speech.bundled != null ? "bundled" : "windows";
                throw new Affect4jCli.UsageException("--" + seedOnly + " applies to the seed's multimodal model (--checkpoint modelParams.pkl"
                        + " --scaler ...) or to WAV files; video without --checkpoint uses the bundled models");
            }
            b.faceModel(CliSupport.choice("--face-model", faceModel, "face-api-expression", Map.of("face-api-expression",
                    FaceModel.FACE_API_EXPRESSION, "human-emotion", FaceModel.HUMAN_EMOTION,
                    "affect4j-fer2013", FaceModel.AFFECT4J_FER2013)));
            b.cropStyle(CliSupport.choice("--crop", crop, "aligned", Map.of("aligned", FaceExpressionVideoModel.CropStyle.ALIGNED,
                    "box", FaceExpressionVideoModel.CropStyle.BOX)));
            if (fusionWeights != null) {
                double[] w = CliSupport.numbers("--fusion-weights", fusionWeights);
                if (w.length != 2) {
                    throw new Affect4jCli.UsageException("--fusion-weights takes FACE,SPEECH (e.g. 1,1), got '" + fusionWeights + "'");
                }
                try {
                    b.lateFusion(new LateFusion(w[0], w[1]));
                } catch (IllegalArgumentException e) {
                    throw new Affect4jCli.UsageException("--fusion-weights: " + e.getMessage());
                }
            }
            return b.load();
        }
        if (faceModel != null || crop != null || fusionWeights != null) {
            String bundledOnly = faceModel != null ? "face-model" : crop != null ? "crop" : "fusion-weights";
            throw new Affect4jCli.UsageException("--" + bundledOnly + " applies to the bundled models (video without --checkpoint)");
        }
        b.emonetStride(emonetStride == null ? 1 : emonetStride);
        if (faceDetector != null) {
            b.faceDetector(faceDetector);
        }
        return b.load(speech.checkpoint, SpeechModelOptions.require(speech.scaler, "--scaler"));
    }

    /** The models a multimodal detector runs, for the output. */
    static String describe(MultimodalDetector d) {
        return d.describe();
    }
}
