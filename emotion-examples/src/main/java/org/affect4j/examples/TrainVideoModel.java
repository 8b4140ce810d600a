package org.affect4j.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.ravdess.RavdessLabelGenerator;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.data.FaceSequenceRecordReader;
import org.affect4j.vision.face.HaarFaceDetector;
import org.affect4j.vision.net.EmoNetLstmTraining;
import org.affect4j.vision.train.ClipSource;
import org.affect4j.vision.train.VideoTrainingTask;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Example: train the seed's video network (EmoNet-LSTM) on RAVDESS videos the seed's way — pretrained EmoNet,
 * face-alignment network frozen, emotion head + LSTM + linears trained — with an actor-independent split.
 * <pre>java -cp ... org.affect4j.examples.TrainVideoModel emonet_8.pth &lt;dir of RAVDESS .mp4&gt; haarcascade.xml runs/video [epochs] [stride]</pre>
 * Training actors 05–20, model selection on 21–24 (actors 01–04 left for the test). Faces come from the Haar
 * detector here; the seed's own path reads OpenFace landmark CSVs (pass {@code landmarksFor} to the reader).
 */
public final class TrainVideoModel {

    private TrainVideoModel() {
    }

    public static void main(String[] args) {
        Trainer.Result r = run(TorchCheckpoint.loadStateDict(Path.of(args[0])), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                Set.copyOf(range(5, 20)), Set.copyOf(range(21, 24)), args.length > 4 ? Integer.parseInt(args[4]) : 20,
                args.length > 5 ? Integer.parseInt(args[5]) : 1);
        System.out.printf("best epoch %d, validation accuracy %.3f -> %s%n", r.bestEpoch() + 1, r.bestValAccuracy(), r.bestModel());
    }

    /**
     * @param emonet EmoNet's weights (e.g. {@code emonet_8.pth})
     * @param stride the emotion head on every stride-th frame (1 = the seed; larger is faster, see {@link ClipSource})
     */
    public static Trainer.Result run(StateDict emonet, Path videoDir, Path haarCascade, Path workDir, Set<Integer> trainActors,
                                     Set<Integer> valActors, int epochs, int stride) {
        List<Path> videos = RavdessFiles.list(videoDir, ".mp4");
        List<Path> train = videos.stream().filter(p -> trainActors.contains(RavdessFileName.parse(p).actor())).toList();
        List<Path> val = videos.stream().filter(p -> valActors.contains(RavdessFileName.parse(p).actor())).toList();
        FaceSequenceRecordReader faces = new FaceSequenceRecordReader(VideoOptions.seed(), null, HaarFaceDetector.load(haarCascade),
                new RavdessLabelGenerator(LabelOrder.EMONET));
        SameDiff fan = EmoNetLstmTraining.faceFeatureGraph(emonet);
        VideoTrainingTask task = new VideoTrainingTask(EmoNetLstmTraining.initialWeights(emonet, 42), 1, stride,
                ClipSource.fromVideos(train, faces, fan, stride, 8), ClipSource.fromVideos(val, faces, fan, stride, 8),
                Map.of("data", "RAVDESS video", "trainActors", trainActors.stream().sorted().toList(), "validationActors", valActors.stream().sorted().toList()));
        return new Trainer(TrainerConfig.seedRecipe(epochs).withBatchSize(1), workDir, null).fit(task);
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    }
}
