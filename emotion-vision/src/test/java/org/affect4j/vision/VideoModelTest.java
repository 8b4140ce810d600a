package org.affect4j.vision;

import org.affect4j.core.FaceResult;
import org.affect4j.core.VideoResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.MediaException;
import org.affect4j.core.Modality;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchCheckpoint;
import org.affect4j.testing.SharedData;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.FaceCropper;
import org.affect4j.vision.face.HaarFaceDetector;
import org.affect4j.vision.face.LandmarkTrack;
import org.affect4j.vision.io.BgrImage;
import org.affect4j.vision.io.VideoDecoder;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on real media, with the random-weight EmoNet-LSTM of the shared fixtures (stride 10 for speed). */
class VideoModelTest {

    static VideoModel model;

    @BeforeAll
    static void load() {
        StateDict w = TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl"));
        model = VideoModel.create(w, VideoOptions.seed().withEmonetStride(10),
                HaarFaceDetector.load(SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml")));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void gridClipsDecodeDetectCropAndClassify() {
        for (String name : List.of("bbaf2n.mpg", "brbk7n.mpg", "lwbsza.mpg")) {
            Path clip = SharedData.require("data/faces/video/" + name);
            long t0 = System.nanoTime();
            VideoResult r = model.predict(clip);
            FaceResult f = r.mainFace();
            System.out.printf("%s: %d frames decoded, %d track(s); main face %s in %d steps (%d no-face, %d padded): %s, valence %.3f, %.1f s%n",
                    name, r.framesDecoded(), r.faces().size(), f.box(), f.framesWithFace(), f.framesNoFace(), f.framesPadded(),
                    f.prediction(), f.prediction().valence().orElse(Double.NaN), (System.nanoTime() - t0) / 1e9);
            // 25 fps, 2.5 s in the window: resampled to 30 fps -> 75 steps with a frame, 15 padded
            assertEquals(15, f.framesPadded(), "steps after the 3.0 s clip ends are padding");
            assertTrue(f.framesWithFace() >= 0.8 * (90 - f.framesPadded()), "face in most frames: " + f.framesWithFace());
            assertEquals(LabelOrder.EMONET, f.prediction().labelOrder());
            assertEquals(java.util.Set.of(Modality.VIDEO), f.prediction().modalities());
            assertTrue(f.prediction().valence().isPresent() && f.prediction().arousal().isPresent());
            assertTrue(Float.isNaN(f.valence()[89]), "no valence for a padded step");
        }
    }

    @Test
    void pexelsClipAt24FpsIsResampled() {
        VideoResult r = model.predict(SharedData.require("data/faces/video/extra/WolfgangLanger_Pexels.mp4"));
        FaceResult f = r.mainFace();
        System.out.printf("Pexels: %.3f fps, %d frames decoded, main face in %d/90 steps, %s%n", r.frameRate(), r.framesDecoded(),
                f.framesWithFace(), f.prediction());
        assertEquals(0, f.framesPadded(), "a 19 s clip fills the whole window");
        assertTrue(f.framesWithFace() >= 60, "face found in most steps: " + f.framesWithFace());
    }

    @Test
    void savedCropOfADetectedFaceIsAFace() throws Exception {
        Path clip = SharedData.require("data/faces/video/brbk7n.mpg");
        VideoDecoder.Decoded d = VideoDecoder.decode(clip, 1.0, 1.1, false);
        BgrImage frame = d.frames().get(0).image();
        try (HaarFaceDetector det = HaarFaceDetector.load(SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml"))) {
            FaceBox box = det.detect(frame).get(0);
            BgrImage crop = FaceCropper.crop(frame, box);
            Path png = Path.of("target", "face-crop-brbk7n.png");
            Files.createDirectories(png.getParent());
            BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_3BYTE_BGR);
            byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            System.arraycopy(crop.bytes(), 0, dst, 0, dst.length);
            assertTrue(ImageIO.write(img, "png", png.toFile()));
            System.out.println("face crop written to " + png.toAbsolutePath());
            // the saved crop, read back, is itself detected as one face filling most of it
            BufferedImage back = ImageIO.read(png.toFile());
            byte[] bgr = new byte[256 * 256 * 3];
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    int rgb = back.getRGB(x, y);
                    int i = (y * 256 + x) * 3;
                    bgr[i] = (byte) rgb;
                    bgr[i + 1] = (byte) (rgb >> 8);
                    bgr[i + 2] = (byte) (rgb >> 16);
                }
            }
            List<FaceBox> again = det.detect(BgrImage.wrap(256, 256, bgr));
            assertEquals(1, again.size(), "one face in the crop: " + again);
            assertTrue(again.get(0).width() > 100, "the face fills the crop: " + again.get(0));
        }
    }

    @Test
    void channelOrderIsExplicit() {
        BgrImage px = BgrImage.wrap(1, 1, new byte[] {10, 20, (byte) 255});
        float[] bgr = new float[3];
        float[] rgb = new float[3];
        VideoModel.toChw(px, VideoOptions.ChannelOrder.BGR, bgr, 0);
        VideoModel.toChw(px, VideoOptions.ChannelOrder.RGB, rgb, 0);
        assertEquals(10 / 255f, bgr[0]);
        assertEquals(1f, rgb[0]);
        assertEquals(VideoOptions.ChannelOrder.BGR, VideoOptions.seed().channelOrder(), "seed default reproduces BGR");
    }

    @Test
    void noFaceAnywhereIsStatedAndMismatchedLandmarksAreRefused(@TempDir Path tmp) throws Exception {
        Path black = tmp.resolve("black.mp4");
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(black.toFile(), 160, 120, 0)) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setFrameRate(30);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.start();
            // a Frame's pixels are native memory JavaCPP does not clear: set them to black explicitly
            Frame f = new Frame(160, 120, Frame.DEPTH_UBYTE, 3);
            java.nio.ByteBuffer pixels = (java.nio.ByteBuffer) f.image[0];
            for (int k = 0; k < pixels.capacity(); k++) {
                pixels.put(k, (byte) 0);
            }
            for (int i = 0; i < 120; i++) {
                rec.record(f, avutil.AV_PIX_FMT_BGR24);
            }
        }
        VideoResult r = model.predict(black);
        assertFalse(r.hasFace(), "no face in a black video");
        assertThrows(IllegalStateException.class, r::mainFace);
        // RAVDESS landmarks (1280x720 video) on a 360x288 GRID clip
        LandmarkTrack lm = LandmarkTrack.read(SharedData.require("data/faces/landmarks/01-01-01-01-01-01-01.csv"));
        MediaException e = assertThrows(MediaException.class,
                () -> model.predict(SharedData.require("data/faces/video/bbaf2n.mpg"), lm));
        assertTrue(e.getMessage().contains("do not match"), e.getMessage());
        // a window past the end of the video
        VideoModel late = VideoModel.create(TorchCheckpoint.loadStateDict(SharedData.require("reference/vision/multimodal_random.pkl")),
                VideoOptions.seed().withWindow(60, 3), null);
        e = assertThrows(MediaException.class, () -> late.predict(SharedData.require("data/faces/video/bbaf2n.mpg"), lm));
        assertTrue(e.getMessage().contains("no video frames"), e.getMessage());
    }
}
