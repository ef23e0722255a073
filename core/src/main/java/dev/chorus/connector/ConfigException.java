package dev.chorus.connector;

import dev.chorus.ChorusException;
import java.util.List;

/**
 * A connector configuration broke its {@link ConfigSpec}: every problem is listed at once, each
 * naming the setting. Secret values are never repeated in the message.
 */
public final class ConfigException extends ChorusException {

  private final List<String> problems;

  public ConfigException(String platform, List<String> problems) {
    super(platform + " connector configuration is invalid: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each starting with the setting's name. */
  public List<String> problems() {
    return problems;
  }
}
