/** JMH benchmarks of the inference hot path (to come with the benchmarks issue). */
package org.affect4j.benchmarks;
