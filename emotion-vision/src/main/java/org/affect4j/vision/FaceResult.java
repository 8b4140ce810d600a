package org.affect4j.vision;

import java.util.List;
import org.affect4j.core.Prediction;
import org.affect4j.vision.face.FaceBox;

/**
 * The video model's result for one tracked face in the window.
 *
 * @param trackId        index of the face track (0 = first face seen)
 * @param box            mean face box over the frames where the face was found
 * @param framesWithFace LSTM steps that held a real crop of this face
 * @param framesNoFace   steps with a video frame in which this face was not found (fed as black, as padding)
 * @param framesPadded   steps with no video frame at all (the seed's zero padding)
 * @param prediction     emotion from the EmoNet-LSTM (EmoNet label order), with mean valence and arousal over the
 *                       face frames
 * @param valence        EmoNet valence per step (NaN where there was no face)
 * @param arousal        EmoNet arousal per step (NaN where there was no face)
 * @param frames         per-frame predictions of a per-frame face model, in time order (empty for EmoNet-LSTM,
 *                       which predicts the sequence as a whole)
 */
public record FaceResult(int trackId, FaceBox box, int framesWithFace, int framesNoFace, int framesPadded,
                         Prediction prediction, float[] valence, float[] arousal, List<FrameEmotion> frames) {
    public FaceResult {
        valence = valence.clone();
        arousal = arousal.clone();
        frames = List.copyOf(frames);
    }

    /** An EmoNet-LSTM result (no per-frame predictions). */
    public FaceResult(int trackId, FaceBox box, int framesWithFace, int framesNoFace, int framesPadded,
                      Prediction prediction, float[] valence, float[] arousal) {
        this(trackId, box, framesWithFace, framesNoFace, framesPadded, prediction, valence, arousal, List.of());
    }

    @Override
    public float[] valence() {
        return valence.clone();
    }

    @Override
    public float[] arousal() {
        return arousal.clone();
    }
}
