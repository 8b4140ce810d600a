package org.affect4j.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The video model's result for one tracked face in the window.
 *
 * <p>The three counts add up to the steps the model saw: for EmoNet-LSTM, its 90 steps (the window's decoded frames
 * resampled to 30 fps, so they need not equal {@link VideoResult#framesDecoded()}); for the per-frame models, the
 * decoded frames of the window ({@code framesPadded} = 0); for the action-unit branch, the OpenFace CSV's frames in the
 * analysed span.
 *
 * @param trackId        index of the face track (0 = first face seen)
 * @param box            mean face box over the frames where the face was found (empty when the input has no boxes,
 *                       e.g. an OpenFace CSV without landmarks)
 * @param framesWithFace steps that held a real crop (or tracked OpenFace frame) of this face
 * @param framesNoFace   steps with a video frame in which this face was not found (fed as black, as padding)
 * @param framesPadded   steps with no video frame at all (the seed's zero padding)
 * @param prediction     emotion from the EmoNet-LSTM (EmoNet label order), with mean valence and arousal over the
 *                       face frames
 * @param valence        EmoNet valence per step (NaN where there was no face)
 * @param arousal        EmoNet arousal per step (NaN where there was no face)
 * @param frames         per-frame predictions of a per-frame face model, in time order (empty for EmoNet-LSTM,
 *                       which predicts the sequence as a whole)
 */
public record FaceResult(int trackId, Optional<Box> box, int framesWithFace, int framesNoFace, int framesPadded,
                         Prediction prediction, float[] valence, float[] arousal, List<FrameEmotion> frames) {
    /** Copies the arrays and the list (the result is immutable). @throws NullPointerException for a null component */
    public FaceResult {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(prediction, "prediction");
        valence = valence.clone();
        arousal = arousal.clone();
        frames = List.copyOf(frames);
    }

    /** An EmoNet-LSTM result (no per-frame predictions). */
    public FaceResult(int trackId, Optional<Box> box, int framesWithFace, int framesNoFace, int framesPadded,
                      Prediction prediction, float[] valence, float[] arousal) {
        this(trackId, box, framesWithFace, framesNoFace, framesPadded, prediction, valence, arousal, List.of());
    }

    /** Counts, box, prediction and mean valence/arousal as numbers (no array identities). */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "FaceResult[track %d, box %s, steps: %d with face + %d without + %d padded, %s%s%s]",
                trackId, box.map(Box::toString).orElse("none"), framesWithFace, framesNoFace, framesPadded, prediction,
                valence.length == 0 ? "" : String.format(java.util.Locale.ROOT, ", mean valence %.3f, arousal %.3f", nanMean(valence), nanMean(arousal)),
                frames.isEmpty() ? "" : ", " + frames.size() + " per-frame predictions");
    }

    private static double nanMean(float[] v) {
        double s = 0;
        int n = 0;
        for (float x : v) {
            if (!Float.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
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
