package dev.chorus.cli;

/** The exit codes of the {@code chorus} command line, which scripts may rely on. */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;
  /** The command line itself is wrong: an unknown option, a missing argument, a bad option value. */
  public static final int USAGE = 1;
  /** The input is invalid: bad CSV rows, content that breaks a platform's rules, an unknown account. */
  public static final int INVALID_INPUT = 2;
  /** A platform or the database failed or could not be reached. */
  public static final int PLATFORM = 3;
  /** An internal error: a bug in Chorus; {@code --verbose} shows the stack trace. */
  public static final int INTERNAL = 4;

  private ExitCodes() {}
}
