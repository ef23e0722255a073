package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.util.Set;

/**
 * Who an audience is by age and gender. Ages are inclusive and {@code null} when open-ended.
 *
 * @param genders free-form labels as the platform or research reports them
 */
public record Demographics(Integer ageMin, Integer ageMax, Set<String> genders) {

  public Demographics {
    Checks.nonNegative("demographics.ageMin", ageMin);
    Checks.nonNegative("demographics.ageMax", ageMax);
    if (ageMin != null && ageMax != null && ageMax < ageMin) {
      throw new InvalidValueException("demographics.ageMax", ageMax, "must not be below ageMin " + ageMin);
    }
    if (ageMin != null && ageMin > 130) {
      throw new InvalidValueException("demographics.ageMin", ageMin, "must be at most 130");
    }
    if (ageMax != null && ageMax > 130) {
      throw new InvalidValueException("demographics.ageMax", ageMax, "must be at most 130");
    }
    genders = Checks.set("demographics.genders", genders);
  }

  /** No demographic restriction. */
  public static Demographics any() {
    return new Demographics(null, null, Set.of());
  }
}
