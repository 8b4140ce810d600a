package org.affect4j.fusion.timeline;

import org.affect4j.core.Prediction;
import org.affect4j.vision.face.FaceBox;

/**
 * One row of a timeline: one window and one face (or the speech-only result of a window).
 *
 * @param clip        window index from 0
 * @param start       window start (s)
 * @param end         window end (s)
 * @param face        stable face id across windows, or −1 for a speech-only row
 * @param box         mean face box in the window (null for speech-only rows)
 * @param prediction  the emotion (fused, video-only or speech-only: see its modalities); null when the window had
 *                    neither a face nor usable speech
 * @param realSeconds seconds of real media in the window (the rest was padded)
 * @param note        why a modality was missing, or empty
 */
public record TimelineRow(int clip, double start, double end, int face, FaceBox box, Prediction prediction,
                          double realSeconds, String note) {
}
