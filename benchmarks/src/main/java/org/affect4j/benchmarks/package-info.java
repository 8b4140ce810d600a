/**
 * JMH benchmarks of the hot inference paths (speech, face, video) and a soak test that watches memory over thousands of
 * calls.
 */
package org.affect4j.benchmarks;
