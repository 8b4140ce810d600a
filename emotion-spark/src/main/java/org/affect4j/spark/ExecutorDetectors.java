package org.affect4j.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector per executor JVM and configuration: loaded lazily by the first task that needs it, reused by every later
 * task on that executor (the detectors are thread-safe, so concurrent tasks share it), closed when the JVM shuts down.
 * This is the one piece of JVM-wide state in the library, and it exists because a Spark executor runs many tasks in
 * one JVM: loading a model per task (or per partition) would dominate the work.
 */
final class ExecutorDetectors {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorDetectors.class);
    private static final Map<String, AutoCloseable> LOADED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorDetectors::closeAll, "affect4j-detectors-close"));
    }

    private ExecutorDetectors() {
    }

    /** The detector for {@code key}, loaded by {@code load} on first use in this JVM. */
    @SuppressWarnings("unchecked")
    static <T extends AutoCloseable> T get(String key, Supplier<T> load) {
        return (T) LOADED.computeIfAbsent(key, k -> {
            LOG.info("loading detector {} in this executor", k);
            return load.get();
        });
    }

    /** How many detectors this JVM holds (for tests). */
    static int loaded() {
        return LOADED.size();
    }

    private static void closeAll() {
        for (AutoCloseable d : LOADED.values()) {
            try {
                d.close();
            } catch (Exception e) {
                LOG.warn("closing a detector at shutdown failed: {}", e.toString());
            }
        }
        LOADED.clear();
    }
}
