package dev.chorus.json;

import dev.chorus.ChorusException;
import java.util.Objects;

/**
 * JSON given to Chorus could not be read: it is malformed, or a value has the wrong JSON type. The
 * message names the JSON path (for example {@code $.targets[0].state}) and the problem. Values that
 * are well-formed but break a model rule surface as {@link dev.chorus.InvalidValueException}
 * instead.
 */
public class JsonFormatException extends ChorusException {

  private final String path;
  private final String problem;

  public JsonFormatException(String path, String problem, Throwable cause) {
    super("Cannot read JSON at " + path + ": " + problem, cause);
    this.path = Objects.requireNonNull(path, "path");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The JSON path of the offending value, {@code $} for the document itself. */
  public String path() {
    return path;
  }

  /** What is wrong there, as Jackson reported it. */
  public String problem() {
    return problem;
  }
}
