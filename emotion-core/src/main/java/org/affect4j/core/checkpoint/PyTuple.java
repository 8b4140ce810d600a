package org.affect4j.core.checkpoint;

import java.util.List;

/** An unpickled Python tuple (immutable). */
public record PyTuple(List<Object> items) {
    public PyTuple {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }
}
