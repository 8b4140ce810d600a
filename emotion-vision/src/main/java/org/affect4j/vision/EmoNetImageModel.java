package org.affect4j.vision;

import java.util.EnumSet;
import java.util.Objects;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.FaceCropper;
import org.affect4j.vision.io.BgrImage;
import org.affect4j.core.nn.InferenceEngine;
import org.affect4j.vision.net.EmoNet;
import org.affect4j.vision.net.EmoNetLstm;

/**
 * EmoNet alone on still faces: crop → EmoNet → expression (8, EmoNet order), valence, arousal. Loads an
 * {@code emonet_8.pth}-style state dict (the {@code module.} prefix is removed on load) or the EmoNet part
 * ({@code net.*} / {@code emonet_lstm.net.*}) of the seed's checkpoints. Thread-safe.
 */
public final class EmoNetImageModel implements AutoCloseable {

    private final EmoNetLstm.FrameRunner runner;
    private final VideoOptions.ChannelOrder order;

    private EmoNetImageModel(EmoNetLstm.FrameRunner runner, VideoOptions.ChannelOrder order) {
        this.runner = runner;
        this.order = order;
    }

    /** EmoNet from its state dict (bare, {@code net.} or {@code emonet_lstm.net.} names) on the eager engine. */
    public static EmoNetImageModel create(StateDict weights, VideoOptions.ChannelOrder order) {
        return create(weights, order, InferenceEngine.EAGER);
    }

    /** As {@link #create(StateDict, VideoOptions.ChannelOrder)} on the given engine. */
    public static EmoNetImageModel create(StateDict weights, VideoOptions.ChannelOrder order, InferenceEngine engine) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(engine, "engine");
        StateDict w = weights;
        for (String prefix : new String[] {"emonet_lstm.net.", "net."}) {
            if (w.hasPrefix(prefix)) {
                w = w.stripPrefix(prefix);
                break;
            }
        }
        Objects.requireNonNull(order, "order");
        EmoNetLstm.FrameRunner runner = EmoNetLstm.FrameRunner.create(w, engine, 8);
        return new EmoNetImageModel(runner, order);
    }

    /** Releases the network's native weights. */
    @Override
    public void close() {
        runner.close();
    }

    /** The face in {@code box} of {@code image}, cropped as the seed crops it. */
    public Prediction predict(BgrImage image, FaceBox box) {
        return predictCrop(FaceCropper.crop(image, box));
    }

    /** An already-cropped 256 × 256 face. */
    public Prediction predictCrop(BgrImage crop) {
        if (crop.width() != EmoNet.SIZE || crop.height() != EmoNet.SIZE) {
            throw new IllegalArgumentException("EmoNet needs a 256x256 crop, got " + crop.width() + "x" + crop.height());
        }
        float[] x = new float[3 * EmoNet.SIZE * EmoNet.SIZE];
        VideoModel.toChw(crop, order, x, 0);
        EmoNetLstm.FrameOutputs o = runner.run(x, 1);
        return Prediction.fromLogits(o.expression()[0], LabelOrder.EMONET, EnumSet.of(Modality.VIDEO),
                (double) o.valence()[0], (double) o.arousal()[0]);
    }
}
