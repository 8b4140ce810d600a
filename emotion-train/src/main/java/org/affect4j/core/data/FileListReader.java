package org.affect4j.core.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.listener.RecordListener;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.Writable;

/**
 * The DataVec plumbing shared by Affect4J's readers: an ordered list of media files (from an {@link InputSplit}
 * filtered by extension, or given explicitly), a cursor, reset, configuration. Subclasses read one file at a time.
 * Not thread-safe.
 */
public abstract class FileListReader implements RecordReader {
    private static final long serialVersionUID = 1L;

    private final String extension;
    private transient List<URI> files = List.of();
    private int position;
    private Configuration conf;

    /** @param extension files of the split kept (e.g. ".wav"); null keeps every file */
    protected FileListReader(String extension) {
        this.extension = extension == null ? null : extension.toLowerCase(Locale.ROOT);
    }

    @Override
    public void initialize(InputSplit split) {
        List<URI> uris = new ArrayList<>(Arrays.asList(split.locations()));
        if (extension != null) {
            uris.removeIf(u -> !u.getPath().toLowerCase(Locale.ROOT).endsWith(extension));
        }
        uris.sort(null);
        this.files = uris;
        this.position = 0;
    }

    /** Initialises from explicit files (e.g. one side of {@link org.affect4j.core.ravdess.ActorFolds#split}). */
    public void initialize(List<Path> paths) {
        List<URI> uris = new ArrayList<>();
        for (Path p : paths) {
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

    /** The next file, advancing the cursor. */
    protected URI nextFile() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more files");
        }
        return files.get(position++);
    }

    @Override
    public boolean batchesSupported() {
        return false;
    }

    @Override
    public List<List<Writable>> next(int num) {
        throw new UnsupportedOperationException("batches are not supported; read one file at a time");
    }

    @Override
    public boolean hasNext() {
        return position < files.size();
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
