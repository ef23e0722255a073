package dev.chorus.media;

import dev.chorus.ChorusException;

/**
 * Media could not be probed: its bytes are truncated, corrupt, of an unknown format, or could not be
 * read. The message names the source (URL queries redacted) and the problem.
 */
public class MediaProbeException extends ChorusException {

  private final String source;
  private final String problem;

  public MediaProbeException(MediaSource source, String problem) {
    this(source, problem, null);
  }

  public MediaProbeException(MediaSource source, String problem, Throwable cause) {
    super("cannot probe " + source + ": " + problem, cause);
    this.source = String.valueOf(source);
    this.problem = problem;
  }

  /** The probed source, as its redacted {@code toString}. */
  public String source() {
    return source;
  }

  /** What was wrong, for example {@code truncated PNG header}. */
  public String problem() {
    return problem;
  }
}
