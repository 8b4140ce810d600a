/**
 * Long recordings: {@link org.affect4j.fusion.timeline.Timeline} scores window after window and streams one
 * {@link org.affect4j.fusion.timeline.TimelineRow} per window (and face) to a {@link org.affect4j.fusion.timeline.TimelineSink}
 * (CSV or JSON Lines writers), in constant memory.
 */
package org.affect4j.fusion.timeline;
