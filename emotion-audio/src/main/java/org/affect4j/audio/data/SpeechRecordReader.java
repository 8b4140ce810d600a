package org.affect4j.audio.data;

import java.io.DataInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.audio.io.AudioSignal;
import org.affect4j.audio.io.WavDecoder;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.ravdess.RavdessLabelGenerator;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.listener.RecordListener;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataURI;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.split.InputSplit;
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
public final class SpeechRecordReader implements RecordReader {
    private static final long serialVersionUID = 1L;

    private final transient SpeechInput input;
    private final RavdessLabelGenerator labels;
    private transient List<URI> files = List.of();
    private int position;
    private Configuration conf;

    /** @param input pre-processing (use a scaler-less input to fit a scaler on training actors first) */
    public SpeechRecordReader(SpeechInput input, RavdessLabelGenerator labels) {
        this.input = Objects.requireNonNull(input, "input");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public void initialize(InputSplit split) {
        List<URI> uris = new ArrayList<>(Arrays.asList(split.locations()));
        uris.removeIf(u -> !u.getPath().toLowerCase().endsWith(".wav"));
        uris.sort(null);
        this.files = uris;
        this.position = 0;
    }

    /** Initialises from explicit files (e.g. one side of {@link org.affect4j.core.ravdess.ActorFolds#split}). */
    public void initialize(List<Path> wavs) {
        List<URI> uris = new ArrayList<>();
        for (Path p : wavs) {
            uris.add(p.toUri());
        }
        this.files = uris;
        this.position = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        this.conf = conf;
        initialize(split);
    }

    @Override
    public boolean batchesSupported() {
        return false;
    }

    @Override
    public List<List<Writable>> next(int num) {
        throw new UnsupportedOperationException("batches are not supported; use next()");
    }

    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    @Override
    public boolean hasNext() {
        return position < files.size();
    }

    @Override
    public List<String> getLabels() {
        return labels.labels();
    }

    @Override
    public void reset() {
        position = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream in) {
        return read(uri);
    }

    private List<Writable> read(URI uri) {
        Path file = Path.of(uri);
        AudioSignal signal = WavDecoder.decode(file);
        float[] x = input.scale(input.melDb(input.window(signal)));
        List<Writable> rec = new ArrayList<>(2);
        rec.add(new NDArrayWritable(Nd4j.create(x, new long[] {1, 1, input.nMels(), input.frames()}, 'c')));
        rec.add(new IntWritable(((IntWritable) labels.getLabelForPath(file.toString())).get()));
        return rec;
    }

    @Override
    public Record nextRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more files");
        }
        URI uri = files.get(position++);
        return new org.datavec.api.records.impl.Record(read(uri), new RecordMetaDataURI(uri, SpeechRecordReader.class));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData meta) {
        return new org.datavec.api.records.impl.Record(read(meta.getURI()), meta);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> metas) {
        List<Record> out = new ArrayList<>();
        for (RecordMetaData m : metas) {
            out.add(loadFromMetaData(m));
        }
        return out;
    }

    @Override
    public List<RecordListener> getListeners() {
        return List.of();
    }

    @Override
    public void setListeners(RecordListener... listeners) {
        // no listeners
    }

    @Override
    public void setListeners(Collection<RecordListener> listeners) {
        // no listeners
    }

    @Override
    public void close() {
        files = List.of();
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }
}
