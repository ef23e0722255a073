package dev.chorus.cli;

import dev.chorus.ChorusException;

/** A user-facing failure of a command, with the exit code it ends the process with. */
final class CliException extends ChorusException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
