/** Runnable examples of the Chorus API; start with {@link dev.chorus.examples.Quickstart}. */
package dev.chorus.examples;
