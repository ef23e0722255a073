package dev.chorus.inbox;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reusable reply text with {@code {variable}} placeholders, for example
 * {@code "Hi {author_handle}, thanks for reaching out!"}. The inbox supplies {@code author_handle},
 * {@code author_name}, {@code account_handle} and {@code agent}; callers may add more.
 *
 * @param name unique within the workspace
 */
public record SavedReply(String name, String template) {

  private static final Pattern VARIABLE = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

  /** Checks the values. */
  public SavedReply {
    Checks.notBlank("savedReply.name", name);
    Checks.notBlank("savedReply.template", template);
  }

  /**
   * The template with every placeholder replaced.
   *
   * @throws InvalidValueException naming the variable when one has no value
   */
  public String render(Map<String, String> variables) {
    Checks.required("variables", variables);
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = variables.get(m.group(1));
      if (value == null) {
        throw new InvalidValueException("savedReply.variables." + m.group(1), null,
            "has no value for saved reply '" + name + "'");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
