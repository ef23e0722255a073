package dev.chorus.model;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A group of people a workspace wants to reach: who they are, where, which languages and
 * interests, when they are online, and roughly how many.
 *
 * @param locations ISO 3166 country codes or free-form regions
 * @param languages BCP 47 language tags, such as {@code en} or {@code pt-BR}
 * @param sizeEstimate estimated number of people, or {@code null}
 */
public record Audience(
    AudienceId id,
    WorkspaceId workspaceId,
    String name,
    Demographics demographics,
    List<String> locations,
    List<String> languages,
    Set<String> interests,
    ZoneId timeZone,
    HourOfWeekActivity activity,
    Long sizeEstimate) {

  public Audience {
    Checks.required("audience.id", id);
    Checks.required("audience.workspaceId", workspaceId);
    Checks.notBlank("audience.name", name);
    demographics = demographics == null ? Demographics.any() : demographics;
    locations = Checks.list("audience.locations", locations);
    languages = Checks.list("audience.languages", languages);
    for (int i = 0; i < languages.size(); i++) {
      String tag = languages.get(i);
      if (java.util.Locale.forLanguageTag(tag).getLanguage().isEmpty()) {
        throw new dev.chorus.InvalidValueException("audience.languages[" + i + "]", tag, "is not a BCP 47 language tag");
      }
    }
    interests = Checks.set("audience.interests", interests);
    Checks.required("audience.timeZone", timeZone);
    activity = activity == null ? HourOfWeekActivity.uniform() : activity;
    if (sizeEstimate != null) {
      Checks.nonNegative("audience.sizeEstimate", sizeEstimate);
    }
  }
}
