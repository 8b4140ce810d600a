package org.affect4j.core.ravdess;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.datavec.api.io.labels.PathLabelGenerator;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

/**
 * DataVec {@link PathLabelGenerator}: the emotion class index of a RAVDESS file, from its name, in a chosen
 * {@link LabelOrder} (the seed's speech order by default). Names that do not parse fail with the file name.
 * Immutable.
 */
public final class RavdessLabelGenerator implements PathLabelGenerator {
    private static final long serialVersionUID = 1L;

    private final LabelOrder order;

    public RavdessLabelGenerator(LabelOrder order) {
        this.order = Objects.requireNonNull(order, "order");
    }

    /** Seed speech/fusion order (0 surprised, 1 neutral, …). */
    public static RavdessLabelGenerator seedSpeech() {
        return new RavdessLabelGenerator(LabelOrder.SEED_SPEECH);
    }

    @Override
    public Writable getLabelForPath(String path) {
        return new IntWritable(order.indexOf(RavdessFileName.parse(path).emotion()));
    }

    @Override
    public Writable getLabelForPath(URI uri) {
        return getLabelForPath(Path.of(uri).toString());
    }

    @Override
    public boolean inferLabelClasses() {
        return false;
    }

    public LabelOrder order() {
        return order;
    }

    /** Class names in index order (for DataVec's getLabels()). */
    public List<String> labels() {
        List<String> l = new ArrayList<>();
        for (Emotion e : order.emotions()) {
            l.add(e.label());
        }
        return l;
    }
}
