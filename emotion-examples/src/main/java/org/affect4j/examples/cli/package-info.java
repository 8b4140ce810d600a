/**
 * The {@code affect4j} command line ({@link org.affect4j.examples.cli.Affect4jCli}): predict, eval, timeline, training and
 * cross-validation commands over the library's public API. Exit codes: 0 ok, 1 bad input or model error, 2 usage error.
 */
package org.affect4j.examples.cli;
