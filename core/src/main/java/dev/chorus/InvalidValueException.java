package dev.chorus;

import java.util.Objects;

/**
 * A value given to Chorus broke a rule: the message names the field, shows the bad value and says
 * what was expected. Thrown before any state changes, so the caller can fix the input and retry.
 */
public class InvalidValueException extends ChorusException {

  private final String field;
  private final String value;

  public InvalidValueException(String field, Object value, String reason) {
    super(field + ": " + reason + " (was " + render(value) + ")");
    this.field = Objects.requireNonNull(field, "field");
    this.value = render(value);
  }

  /** The dotted path of the offending field, for example {@code campaign.endDate}. */
  public String field() {
    return field;
  }

  /** The offending value as text, shortened if long. */
  public String value() {
    return value;
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
