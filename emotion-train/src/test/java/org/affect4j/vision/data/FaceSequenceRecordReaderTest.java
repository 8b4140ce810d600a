package org.affect4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.affect4j.core.MediaException;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.face.HaarFaceDetector;
import org.affect4j.testing.FixedLabel;
import org.affect4j.testing.SharedData;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The video sequence reader on a real GRID clip (25 fps: 75 real steps, 15 padded, as the seed pads). */
class FaceSequenceRecordReaderTest {

    private static FaceSequenceRecordReader reader() {
        return new FaceSequenceRecordReader(VideoOptions.seed(), null,
                HaarFaceDetector.load(SharedData.require("data/faces/models/haarcascade_frontalface_alt2.xml")), new FixedLabel(3));
    }

    @Test
    void aClipBecomesNinetyStepsOfFaceCropsAndFeedsTheSequenceIterator() throws Exception {
        Path clip = SharedData.require("data/faces/video/bbaf2n.mpg");
        FaceSequenceRecordReader r = reader();
        r.initialize(List.of(clip));
        SequenceRecord rec = r.nextSequence();
        assertEquals(clip.toUri(), rec.getMetaData().getURI());
        List<List<Writable>> seq = rec.getSequenceRecord();
        assertEquals(90, seq.size());
        int real = 0;
        int zero = 0;
        float[] first = null;
        boolean moves = false;
        for (List<Writable> step : seq) {
            assertEquals(3, ((IntWritable) step.get(1)).get());
            float[] x = ((NDArrayWritable) step.get(0)).get().data().asFloat();
            assertEquals(3 * 256 * 256, x.length);
            double max = 0;
            for (float v : x) {
                assertTrue(v >= 0 && v <= 1);
                max = Math.max(max, v);
            }
            if (max == 0) {
                zero++;
            } else {
                real++;
                if (first == null) {
                    first = x;
                } else if (!java.util.Arrays.equals(first, x)) {
                    moves = true;
                }
            }
        }
        System.out.printf("bbaf2n.mpg: %d steps with a face crop, %d zero steps%n", real, zero);
        assertTrue(real >= 70, "the face is visible throughout the GRID clip: " + real);
        assertTrue(zero >= 15, "a 25 fps clip leaves 15 of the 90 steps as padding: " + zero);
        assertTrue(moves, "the crops follow the speaking face");

        r.reset();
        SequenceRecordReaderDataSetIterator it = new SequenceRecordReaderDataSetIterator(r, 1, 8, 1, false);
        DataSet ds = it.next();
        assertArrayEquals(new long[] {1, 3 * 256 * 256, 90}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {1, 8, 90}, ds.getLabels().shape());
        assertEquals(1.0, ds.getLabels().getDouble(0, 3, 0));
        assertEquals(90.0, ds.getLabels().sumNumber().doubleValue());
    }

    @Test
    void aFileThatIsNotAVideoFailsNamingIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("broken.mp4");
        java.nio.file.Files.writeString(bad, "not a video");
        FaceSequenceRecordReader r = reader();
        r.initialize(List.of(bad));
        MediaException e = assertThrows(MediaException.class, r::sequenceRecord);
        assertTrue(e.getMessage().contains("broken.mp4"), e.getMessage());
    }
}
