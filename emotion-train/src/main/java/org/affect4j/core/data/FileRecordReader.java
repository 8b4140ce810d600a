package org.affect4j.core.data;

import java.io.DataInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataURI;
import org.datavec.api.writable.Writable;

/**
 * A {@link FileListReader} that turns each file into one record: subclasses say how ({@link #read(URI)}); reading the
 * next record, a record from a stream's URI and records from their metadata (the file URI) are shared here. Not
 * thread-safe.
 */
public abstract class FileRecordReader extends FileListReader {
    private static final long serialVersionUID = 1L;

    /** @param extension files of the split kept (e.g. ".wav"); null keeps every file */
    protected FileRecordReader(String extension) {
        super(extension);
    }

    /** The record of one file. */
    protected abstract List<Writable> read(URI uri);

    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream in) {
        return read(uri);
    }

    @Override
    public Record nextRecord() {
        URI uri = nextFile();
        return new org.datavec.api.records.impl.Record(read(uri), new RecordMetaDataURI(uri, getClass()));
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
}
