package org.affect4j.core.timeline;

/**
 * Progress of a timeline after each window.
 *
 * @param doneSeconds  seconds of media analysed so far
 * @param totalSeconds the media's duration
 * @param windows      windows done
 */
public record TimelineProgress(double doneSeconds, double totalSeconds, int windows) {
}
