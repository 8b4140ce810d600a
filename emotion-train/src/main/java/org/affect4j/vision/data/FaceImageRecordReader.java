package org.affect4j.vision.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.MediaException;
import org.affect4j.core.data.FileRecordReader;
import org.affect4j.vision.face.RgbTensor;
import org.affect4j.vision.io.BgrImage;
import org.affect4j.vision.io.ImageFiles;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DataVec {@link org.datavec.api.records.reader.RecordReader} for labelled face images (FER2013, CK+48;
 * {@link FaceImageFolders}): each image becomes {@code [pixels, label]} — grey (BT.601), resized bilinearly to
 * {@code size × size}, scaled to [0, 1], as an {@link NDArrayWritable} of shape (1, 1, size, size) — and the index of
 * its folder's emotion in the label order. Initialise it with {@link #initialize(List)} on the paths of a
 * {@link FaceImageFolders} listing (augmented copies and contempt already left out). Works with
 * {@code RecordReaderDataSetIterator(reader, batch, 1, order.size())}. Not thread-safe (one reader per iterator).
 */
public final class FaceImageRecordReader extends FileRecordReader {
    private static final long serialVersionUID = 1L;

    private final LabelOrder order;
    private final int size;

    /**
     * @param order the classes, e.g. FER2013's seven; an image whose emotion is not among them is an error
     * @param size  the side the images are resized to (48 for FER2013 and CK+48)
     */
    public FaceImageRecordReader(LabelOrder order, int size) {
        super(null);
        this.order = Objects.requireNonNull(order, "order");
        if (size < 8 || size > 1024) {
            throw new IllegalArgumentException("image side must be 8..1024, got " + size);
        }
        this.size = size;
    }

    /**
     * The grey, resized, [0, 1]-scaled pixels of one image, row-major ({@code size × size}).
     *
     * @throws MediaException naming the file if it cannot be read as an image
     */
    public static float[] pixels(Path file, int size) {
        BgrImage img = ImageFiles.read(file);
        byte[] grey = img.grey();
        float[] v = new float[grey.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (grey[i] & 0xff) / 255f;
        }
        return RgbTensor.of(img.height(), img.width(), 1, v).resizeBilinear(size, size).values();
    }

    @Override
    public List<String> getLabels() {
        return order.emotions().stream().map(Emotion::label).toList();
    }

    @Override
    protected List<Writable> read(URI uri) {
        Path file = Path.of(uri);
        Emotion e = FaceImageFolders.emotionOfFolder(file.getParent().getFileName().toString())
                .orElseThrow(() -> new IllegalArgumentException(file + ": its folder's class has no emotion of the library"));
        if (!order.contains(e)) {
            throw new IllegalArgumentException(file + ": " + e.label() + " is not among the classes " + order);
        }
        List<Writable> rec = new ArrayList<>(2);
        rec.add(new NDArrayWritable(Nd4j.create(pixels(file, size), new long[] {1, 1, size, size}, 'c')));
        rec.add(new IntWritable(order.indexOf(e)));
        return rec;
    }

}
