package org.affect4j.audio.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.data.FileRecordReader;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.ravdess.RavdessLabelGenerator;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DataVec {@link RecordReader} for RAVDESS speech: each WAV becomes {@code [features, label]} — the seed's
 * pre-processing ({@link SpeechInput}: window, log-mel, optional scaler) as an {@link NDArrayWritable} of shape
 * (1, 1, 128, 563), and the class index from the file name ({@link RavdessLabelGenerator}). Works with
 * {@code RecordReaderDataSetIterator(reader, batch, 1, 8)}. Record metadata is the file URI, so actor, intensity
 * and statement are available through {@link RavdessFileName}. Not thread-safe (one reader per iterator).
 */
public final class SpeechRecordReader extends FileRecordReader {
    private static final long serialVersionUID = 1L;

    private final transient SpeechInput input;
    private final RavdessLabelGenerator labels;

    /** @param input pre-processing (use a scaler-less input to fit a scaler on training actors first) */
    public SpeechRecordReader(SpeechInput input, RavdessLabelGenerator labels) {
        super(".wav");
        this.input = Objects.requireNonNull(input, "input");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public List<String> getLabels() {
        return labels.labels();
    }

    @Override
    protected List<Writable> read(URI uri) {
        Path file = Path.of(uri);
        AudioSignal signal = WavDecoder.decode(file);
        float[] x = input.scale(input.melDb(input.window(signal)));
        List<Writable> rec = new ArrayList<>(2);
        rec.add(new NDArrayWritable(Nd4j.create(x, new long[] {1, 1, input.nMels(), input.frames()}, 'c')));
        rec.add(new IntWritable(((IntWritable) labels.getLabelForPath(file.toString())).get()));
        return rec;
    }

}
