package org.affect4j.vision.face;

/** An axis-aligned face box in pixel coordinates, (x0, y0) top-left, (x1, y1) bottom-right. Immutable. */
public record FaceBox(double x0, double y0, double x1, double y1) {

    public FaceBox {
        if (!(x1 >= x0) || !(y1 >= y0) || !Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(x1) || !Double.isFinite(y1)) {
            throw new IllegalArgumentException("invalid face box (" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + ")");
        }
    }

    /** The box enclosing the given landmark coordinates (the seed: min/max of the 68 points). */
    public static FaceBox enclosing(float[] xs, float[] ys) {
        if (xs.length == 0 || xs.length != ys.length) {
            throw new IllegalArgumentException("need as many x as y landmark coordinates, at least one");
        }
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            x0 = Math.min(x0, xs[i]);
            x1 = Math.max(x1, xs[i]);
            y0 = Math.min(y0, ys[i]);
            y1 = Math.max(y1, ys[i]);
        }
        return new FaceBox(x0, y0, x1, y1);
    }

    /** Mean of the non-null boxes, or null when there is none. */
    public static FaceBox mean(java.util.List<FaceBox> boxes) {
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        int n = 0;
        for (FaceBox b : boxes) {
            if (b != null) {
                x0 += b.x0();
                y0 += b.y0();
                x1 += b.x1();
                y1 += b.y1();
                n++;
            }
        }
        return n == 0 ? null : new FaceBox(x0 / n, y0 / n, x1 / n, y1 / n);
    }

    /** The API's box value as a face box (for tracking and cropping). */
    public static FaceBox of(org.affect4j.core.Box box) {
        return new FaceBox(box.x0(), box.y0(), box.x1(), box.y1());
    }

    /** This box as the API's value type (timeline rows, results). */
    public org.affect4j.core.Box toBox() {
        return new org.affect4j.core.Box(x0, y0, x1, y1);
    }

    public double width() {
        return x1 - x0;
    }

    public double height() {
        return y1 - y0;
    }

    public double area() {
        return width() * height();
    }

    /** Intersection over union with {@code o}, 0 when disjoint. */
    public double iou(FaceBox o) {
        double ix = Math.max(0, Math.min(x1, o.x1) - Math.max(x0, o.x0));
        double iy = Math.max(0, Math.min(y1, o.y1) - Math.max(y0, o.y0));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
