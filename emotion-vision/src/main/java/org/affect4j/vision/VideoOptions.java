package org.affect4j.vision;

/**
 * How the video model samples frames and feeds EmoNet. {@link #seed()} reproduces the seed; every other value is
 * an explicit choice.
 *
 * @param windowStart    start of the analysed window in seconds (seed 0.5)
 * @param windowSeconds  its length (seed 3.0)
 * @param frames         LSTM steps (seed 90)
 * @param targetFps      rate of the LSTM steps (seed 30): videos at another rate are resampled to it by nearest
 *                       timestamp; videos at 30 ± 0.5 fps use the seed's rule (every frame in the window, first 90)
 * @param channelOrder   order of the colour planes fed to EmoNet: the seed feeds OpenCV's BGR although EmoNet was
 *                       trained on RGB; {@code BGR} reproduces the seed's checkpoints
 * @param emonetStride   run EmoNet on every k-th face frame and hold its output for the next k−1 (1 = every frame,
 *                       the seed); trades accuracy for speed (≈ k× fewer EmoNet passes)
 * @param frameBatch     frames per EmoNet batch (memory vs. speed; does not change results)
 * @param minIou         IoU needed to continue a face track between frames
 */
public record VideoOptions(double windowStart, double windowSeconds, int frames, double targetFps, ChannelOrder channelOrder,
                           int emonetStride, int frameBatch, double minIou) {

    /** Plane order of EmoNet's input. */
    public enum ChannelOrder { BGR, RGB }

    public VideoOptions {
        if (windowStart < 0 || !(windowSeconds > 0) || frames < 1 || !(targetFps > 0) || channelOrder == null
                || emonetStride < 1 || frameBatch < 1 || !(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("invalid video options " + this);
        }
    }

    public static VideoOptions seed() {
        return new VideoOptions(0.5, 3.0, 90, 30.0, ChannelOrder.BGR, 1, 8, 0.3);
    }

    public VideoOptions withChannelOrder(ChannelOrder order) {
        return new VideoOptions(windowStart, windowSeconds, frames, targetFps, order, emonetStride, frameBatch, minIou);
    }

    public VideoOptions withEmonetStride(int k) {
        return new VideoOptions(windowStart, windowSeconds, frames, targetFps, channelOrder, k, frameBatch, minIou);
    }

    public VideoOptions withWindow(double start, double seconds) {
        return new VideoOptions(start, seconds, frames, targetFps, channelOrder, emonetStride, frameBatch, minIou);
    }

    public VideoOptions withFrameBatch(int n) {
        return new VideoOptions(windowStart, windowSeconds, frames, targetFps, channelOrder, emonetStride, n, minIou);
    }
}
