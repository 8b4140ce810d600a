/**
 * The code of the README and docs/: every {@code java} block of README.md and docs/*.md is a verbatim excerpt of one of
 * these files (checked by {@code ReadmeSnippetsTest}), so README and code cannot drift; the imports are here, and the
 * tests run the quickstarts on shared data.
 */
package org.affect4j.examples.readme;
