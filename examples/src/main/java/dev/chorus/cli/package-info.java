/**
 * The {@code chorus} command line: import a content calendar from CSV, validate it against each
 * platform's rules, list and export it, run the scheduler, collect metrics and render reports.
 * {@link dev.chorus.cli.ChorusCli} is the entry point; state lives in a database between invocations.
 * Everything is non-null unless documented otherwise.
 */
package dev.chorus.cli;
