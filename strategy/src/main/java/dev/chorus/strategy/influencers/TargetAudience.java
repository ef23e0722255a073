package dev.chorus.strategy.influencers;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Audience;
import dev.chorus.model.Checks;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a creator should be relevant to: the audience's interests as keywords (a word or phrase,
 * matched case-insensitively, a leading {@code #} ignored) and the languages it reads, as BCP 47
 * tags compared by their primary language ({@code pt-BR} matches {@code pt}).
 *
 * @param keywords interests or topics, at least one
 * @param languages languages the audience reads; empty when any language will do
 */
public record TargetAudience(Set<String> keywords, Set<String> languages) {

  /** Normalises keywords to lower case and languages to their primary subtag. */
  public TargetAudience {
    Set<String> words = new LinkedHashSet<>();
    for (String keyword : Checks.set("audience.keywords", keywords)) {
      String normal = String.join(" ", Text.words(keyword));
      if (normal.isEmpty()) {
        throw new InvalidValueException("audience.keywords", keyword, "has no letters or digits");
      }
      words.add(normal);
    }
    if (words.isEmpty()) {
      throw new InvalidValueException("audience.keywords", keywords, "needs at least one keyword");
    }
    keywords = Set.copyOf(words);
    Set<String> primary = new LinkedHashSet<>();
    for (String tag : Checks.set("audience.languages", languages)) {
      String language = Locale.forLanguageTag(tag).getLanguage();
      if (language.isEmpty()) {
        throw new InvalidValueException("audience.languages", tag, "is not a BCP 47 language tag");
      }
      primary.add(language);
    }
    languages = Set.copyOf(primary);
  }

  /** The interests and languages of an {@link Audience}. */
  public static TargetAudience of(Audience audience) {
    return new TargetAudience(audience.interests(), Set.copyOf(audience.languages()));
  }
}
