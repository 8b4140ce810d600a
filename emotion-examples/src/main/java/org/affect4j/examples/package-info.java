/**
 * Small runnable programs showing the library in use: one clip, a folder, a long recording to CSV, training a video model.
 */
package org.affect4j.examples;
