package org.affect4j.examples.readme;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.ravdess.RavdessLabelGenerator;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.data.FaceSequenceRecordReader;
import org.affect4j.vision.net.EmoNetLstmTraining;
import org.affect4j.vision.train.ClipSource;
import org.affect4j.vision.train.VideoTrainingTask;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The README's video-training sketch (compiled; EmoNet's weights are not bundled, so it is not run — the complete,
 * tested program is {@link org.affect4j.examples.TrainVideoModel}).
 */
public final class VideoTrainingSketch {

    private VideoTrainingSketch() {
    }

    /** @param landmarksFor each video's OpenFace CSV */
    public static void run(Function<Path, Path> landmarksFor, List<Path> trainVideos, List<Path> valVideos) {
        // README-BEGIN
        StateDict emonet = TorchCheckpoint.loadStateDict(Path.of("emonet_8.pth"));           // not bundled: EmoNet's licence
        StateDict init = EmoNetLstmTraining.initialWeights(emonet, 42);
        FaceSequenceRecordReader faces = new FaceSequenceRecordReader(VideoOptions.seed(), landmarksFor, null,
                new RavdessLabelGenerator(LabelOrder.EMONET));                               // or a FaceDetector
        SameDiff fan = EmoNetLstmTraining.faceFeatureGraph(emonet);
        ClipSource train = ClipSource.fromVideos(trainVideos, faces, fan, 1, 8);            // stride 1 = the seed
        ClipSource val = ClipSource.fromVideos(valVideos, faces, fan, 1, 8);
        new Trainer(TrainerConfig.seedRecipe(20).withBatchSize(1), Path.of("runs/video"), null)
                .fit(new VideoTrainingTask(init, 1, 1, train, val, Map.of("data", "RAVDESS video")));
        // README-END
    }
}
