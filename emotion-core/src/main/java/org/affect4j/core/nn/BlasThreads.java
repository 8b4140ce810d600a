package org.affect4j.core.nn;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide OpenBLAS thread count used by Affect4J's inference engines.
 *
 * <p>ND4J starts OpenBLAS with one thread per core. Affect4J's networks run their convolutions on oneDNN (OpenMP)
 * and only small matrix products on BLAS; with OpenBLAS's own worker threads spinning beside OpenMP's, latency on a
 * 2-core machine became bimodal (speech network at batch 1: p50 18 ms, p90 44 ms; with one BLAS thread 15 / 19 ms,
 * and batch 32 also faster: 260 ms instead of 308–368 ms — see the README's speed section). So the first Affect4J
 * inference engine that is created sets OpenBLAS to {@value #DEFAULT} thread, once, and logs it.
 *
 * <p>This is a setting of the native BLAS library shared by everything in the process that uses ND4J. Override it
 * with the system property {@value #PROPERTY}: a positive number of threads, or {@code keep} to leave ND4J's setting
 * untouched. Thread-safe; applied at most once per process.
 */
public final class BlasThreads {

    /** System property: a thread count, or {@code keep}. */
    public static final String PROPERTY = "affect4j.blasThreads";
    static final int DEFAULT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(BlasThreads.class);
    private static boolean applied;

    private BlasThreads() {
    }

    /** Applies the policy the first time it is called in this process; later calls do nothing. */
    public static synchronized void applyOnce() {
        if (applied) {
            return;
        }
        applied = true;
        String value = System.getProperty(PROPERTY, Integer.toString(DEFAULT)).trim();
        if (value.equalsIgnoreCase("keep")) {
            LOG.info("OpenBLAS threads left at ND4J's setting ({}={})", PROPERTY, value);
            return;
        }
        int threads;
        try {
            threads = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be a positive thread count or 'keep', got '"
                    + value + "'", e);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be >= 1, got " + threads);
        }
        int before = Nd4j.factory().blas().getMaxThreads();
        Nd4j.factory().blas().setMaxThreads(threads);
        LOG.info("OpenBLAS threads set from {} to {} for Affect4J inference (override with -D{}=<n>|keep)", before, threads, PROPERTY);
    }
}
