/**
 * Runnable examples of the Chorus API, each compiled and run by the test suite: start with {@link
 * dev.chorus.examples.Quickstart}, then {@link dev.chorus.examples.ApprovalFlow}, {@link
 * dev.chorus.examples.ConnectRealPlatform} and {@link dev.chorus.examples.WritingAConnector}.
 */
package dev.chorus.examples;
