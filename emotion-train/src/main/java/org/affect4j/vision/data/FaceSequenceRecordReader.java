package org.affect4j.vision.data;

import java.io.DataInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.affect4j.core.MediaException;
import org.affect4j.core.data.FileListReader;
import org.affect4j.vision.VideoModel;
import org.affect4j.vision.VideoOptions;
import org.affect4j.vision.face.FaceBox;
import org.affect4j.vision.face.FaceCropper;
import org.affect4j.vision.face.FaceDetector;
import org.affect4j.vision.face.FaceSteps;
import org.affect4j.vision.face.LandmarkTrack;
import org.affect4j.vision.io.VideoDecoder;
import org.affect4j.vision.net.EmoNet;
import org.datavec.api.io.labels.PathLabelGenerator;
import org.datavec.api.records.Record;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataURI;
import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DataVec sequence reader for the video network: each video becomes the LSTM's time steps (the seed's window and
 * sampling, {@link FaceSteps}), each step holding the 256 × 256 face crop as a planar float vector in [0, 1]
 * (3·256·256 values, EmoNet's input, in the options' channel order) and the clip's label. Steps without a frame
 * (padding) or without the face are zeros, as the seed feeds them. Faces come from an OpenFace landmark CSV per
 * video (the seed's RAVDESS path; {@code landmarksFor} maps a video to its CSV) or from a {@link FaceDetector}
 * (the face seen in the most steps). Works with {@code SequenceRecordReaderDataSetIterator}; each sequence's
 * metadata is the video's URI (parse RAVDESS names from it for actor-independent splits). Not thread-safe.
 */
public final class FaceSequenceRecordReader extends FileListReader implements SequenceRecordReader {
    private static final long serialVersionUID = 1L;
    private static final int PER = 3 * EmoNet.SIZE * EmoNet.SIZE;

    private final VideoOptions options;
    private final transient Function<Path, Path> landmarksFor;
    private final transient FaceDetector detector;
    private final PathLabelGenerator labels;

    /**
     * @param landmarksFor maps a video to its landmark CSV (null: use {@code detector})
     * @param detector     used when {@code landmarksFor} is null
     * @param labels       the label of a video from its path (e.g. {@code RavdessLabelGenerator})
     */
    public FaceSequenceRecordReader(VideoOptions options, Function<Path, Path> landmarksFor, FaceDetector detector, PathLabelGenerator labels) {
        super(null);
        this.options = Objects.requireNonNull(options, "options");
        if (landmarksFor == null && detector == null) {
            throw new IllegalArgumentException("give landmark files or a face detector");
        }
        this.landmarksFor = landmarksFor;
        this.detector = detector;
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    /** The label this reader's label generator gives {@code video}. */
    public int label(Path video) {
        return ((IntWritable) labels.getLabelForPath(video.toUri())).get();
    }

    /** One video's sequence: {@code steps} rows of [features (NDArrayWritable, 1 × 196,608), label]. */
    List<List<Writable>> read(URI uri) {
        Path video = Path.of(uri);
        double from = options.windowStart();
        VideoDecoder.Decoded decoded = VideoDecoder.decode(video, from, from + options.windowSeconds(), false);
        LandmarkTrack lm = landmarksFor == null ? null : LandmarkTrack.read(landmarksFor.apply(video));
        FaceSteps steps = FaceSteps.of(decoded, from, options.windowSeconds(), options.frames(), options.targetFps(), lm, detector,
                options.minIou());
        int best = -1;
        int bestCount = 0;
        for (int t = 0; t < steps.tracks().size(); t++) {
            int n = (int) steps.tracks().get(t).stream().filter(Objects::nonNull).count();
            if (n > bestCount) {
                best = t;
                bestCount = n;
            }
        }
        if (best < 0) {
            throw new MediaException(video, "no face found in the analysed window");
        }
        int label = label(video);
        List<List<Writable>> seq = new ArrayList<>(steps.steps());
        for (int s = 0; s < steps.steps(); s++) {
            float[] x = new float[PER];
            FaceBox box = steps.box(best, s);
            if (box != null) {
                VideoModel.toChw(FaceCropper.crop(steps.frames().get(steps.stepFrame()[s]).image(), box), options.channelOrder(), x, 0);
            }
            seq.add(List.of(new NDArrayWritable(Nd4j.create(x, new long[] {1, PER}, 'c')), new IntWritable(label)));
        }
        return seq;
    }

    @Override
    public List<List<Writable>> sequenceRecord() {
        return nextSequence().getSequenceRecord();
    }

    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream in) {
        return read(uri);
    }

    @Override
    public SequenceRecord nextSequence() {
        URI uri = nextFile();
        return new org.datavec.api.records.impl.SequenceRecord(read(uri), new RecordMetaDataURI(uri, FaceSequenceRecordReader.class));
    }

    @Override
    public SequenceRecord loadSequenceFromMetaData(RecordMetaData meta) {
        return new org.datavec.api.records.impl.SequenceRecord(read(meta.getURI()), meta);
    }

    @Override
    public List<SequenceRecord> loadSequenceFromMetaData(List<RecordMetaData> metas) {
        List<SequenceRecord> out = new ArrayList<>();
        for (RecordMetaData m : metas) {
            out.add(loadSequenceFromMetaData(m));
        }
        return out;
    }

    @Override
    public List<Writable> next() {
        throw new UnsupportedOperationException("a sequence reader: use sequenceRecord()");
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream in) {
        throw new UnsupportedOperationException("a sequence reader: use sequenceRecord(uri, in)");
    }

    @Override
    public Record nextRecord() {
        throw new UnsupportedOperationException("a sequence reader: use nextSequence()");
    }

    @Override
    public Record loadFromMetaData(RecordMetaData meta) {
        throw new UnsupportedOperationException("a sequence reader: use loadSequenceFromMetaData()");
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> metas) {
        throw new UnsupportedOperationException("a sequence reader: use loadSequenceFromMetaData()");
    }
}
