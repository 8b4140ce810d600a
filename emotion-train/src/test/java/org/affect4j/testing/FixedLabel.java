package org.affect4j.testing;

import java.net.URI;
import org.datavec.api.io.labels.PathLabelGenerator;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

/** A DataVec label generator giving every file the same label (for clips without an emotion label, e.g. GRID videos). */
public final class FixedLabel implements PathLabelGenerator {

    private final int label;

    public FixedLabel(int label) {
        this.label = label;
    }

    @Override
    public Writable getLabelForPath(String path) {
        return new IntWritable(label);
    }

    @Override
    public Writable getLabelForPath(URI uri) {
        return new IntWritable(label);
    }

    @Override
    public boolean inferLabelClasses() {
        return false;
    }
}
