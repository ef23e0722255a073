package dev.chorus.inbox;

import dev.chorus.InvalidValueException;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A triage rule applied to every new inbound message: when it matches, it tags, assigns,
 * prioritises or hides the conversation. Hiding hides it in the inbox and, when the platform's
 * connector declares {@link dev.chorus.connector.Capability#HIDE}, on the platform too.
 *
 * @param name unique within the workspace
 * @param pattern a keyword (matched as a whole word, ignoring case), a regular expression (found
 *     anywhere in the text) or an author handle or id (ignoring case and a leading {@code @})
 * @param assignTo the actor to assign to when unassigned, or {@code null}
 * @param priority the priority to raise to, or {@code null}
 */
public record InboxRule(
    String name, Match match, String pattern, Set<String> tags, ActorId assignTo, Priority priority, boolean hide) {

  /** What a rule looks at. */
  public enum Match {
    /** A word in the text. */
    KEYWORD,
    /** A regular expression over the text. */
    REGEX,
    /** The author's handle or id. */
    AUTHOR
  }

  /**
   * Checks the values.
   *
   * @throws InvalidValueException naming {@code rule.pattern} when a regular expression does not compile
   */
  public InboxRule {
    Checks.notBlank("rule.name", name);
    Checks.required("rule.match", match);
    Checks.notBlank("rule.pattern", pattern);
    tags = Checks.set("rule.tags", tags);
    for (String tag : tags) {
      Checks.notBlank("rule.tags", tag);
    }
    compile(match, pattern);
    if (tags.isEmpty() && assignTo == null && priority == null && !hide) {
      throw new InvalidValueException("rule.actions", name, "must tag, assign, prioritise or hide");
    }
  }

  /** Whether the rule matches the interaction. */
  public boolean matches(Interaction interaction) {
    return switch (match) {
      case AUTHOR -> {
        String wanted = strip(pattern);
        yield wanted.equalsIgnoreCase(strip(interaction.authorHandle()))
            || wanted.equalsIgnoreCase(interaction.authorId());
      }
      case KEYWORD, REGEX -> compile(match, pattern).matcher(interaction.text()).find();
    };
  }

  private static String strip(String handle) {
    return handle.startsWith("@") ? handle.substring(1) : handle;
  }

  private static Pattern compile(Match match, String pattern) {
    try {
      return switch (match) {
        case KEYWORD -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(pattern.toLowerCase(Locale.ROOT))
            + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        case REGEX -> Pattern.compile(pattern);
        case AUTHOR -> Pattern.compile(Pattern.quote(pattern));
      };
    } catch (PatternSyntaxException e) {
      throw new InvalidValueException("rule.pattern", pattern, "is not a valid regular expression: " + e.getDescription());
    }
  }
}
