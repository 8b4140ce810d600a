package org.affect4j.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain-data Python object of an allowlisted class (e.g. scikit-learn's {@code StandardScaler}) as pickled:
 * its class name and its {@code __dict__} state. No code of the class is ever run.
 */
public final class PyObject {
    private final String className;
    private final Map<Object, Object> state = new LinkedHashMap<>();

    PyObject(String className) {
        this.className = className;
    }

    public String className() {
        return className;
    }

    /** The attribute map set by the pickle's BUILD (unmodifiable view). */
    public Map<Object, Object> state() {
        return Collections.unmodifiableMap(state);
    }

    void setState(Map<?, ?> newState) {
        state.putAll(newState);
    }

    @Override
    public String toString() {
        return "PyObject[" + className + " " + state.keySet() + "]";
    }
}
