package org.affect4j.core;

/**
 * Where a face is in a frame: an axis-aligned box in pixel coordinates, (x0, y0) top-left, (x1, y1) bottom-right.
 * Immutable.
 *
 * @param x0 left edge
 * @param y0 top edge
 * @param x1 right edge (≥ x0)
 * @param y1 bottom edge (≥ y0)
 */
public record Box(double x0, double y0, double x1, double y1) {

    /** @throws IllegalArgumentException if a coordinate is not finite or the box has negative extent */
    public Box {
        if (!Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(x1) || !Double.isFinite(y1) || x1 < x0 || y1 < y0) {
            throw new IllegalArgumentException("invalid box (" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + ")");
        }
    }

    /** The box's width in pixels. */
    public double width() {
        return x1 - x0;
    }

    /** The box's height in pixels. */
    public double height() {
        return y1 - y0;
    }
}
