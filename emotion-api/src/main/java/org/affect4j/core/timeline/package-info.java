/**
 * Long recordings as a stream of rows: speech and multimodal timelines (in {@code emotion-audio} and
 * {@code emotion-fusion}) score window after window and hand one {@link org.affect4j.core.timeline.TimelineRow} per
 * window (and face) to a {@link org.affect4j.core.timeline.TimelineSink}, such as the CSV and JSON Lines writers here,
 * reporting {@link org.affect4j.core.timeline.TimelineProgress} as they go. {@link org.affect4j.core.timeline.TimelineWindows}
 * says where the windows start.
 */
package org.affect4j.core.timeline;
