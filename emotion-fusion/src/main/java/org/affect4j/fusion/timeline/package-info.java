/**
 * Long recordings with faces: {@link org.affect4j.fusion.timeline.Timeline} scores a video window after window and
 * streams one {@link org.affect4j.core.timeline.TimelineRow} per window and face to a
 * {@link org.affect4j.core.timeline.TimelineSink} (the CSV and JSON Lines writers of emotion-api), in constant memory.
 * The speech-only timeline is {@code SpeechDetector.timeline} in emotion-audio.
 */
package org.affect4j.fusion.timeline;
