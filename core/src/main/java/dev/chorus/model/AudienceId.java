package dev.chorus.model;

import java.util.UUID;

/** The opaque identifier of a {@link Audience}. */
public record AudienceId(String value) {

  public AudienceId {
    Checks.notBlank("audienceId", value);
    if (value.length() > 200) {
      throw new dev.chorus.InvalidValueException("audienceId", value, "must be at most 200 characters");
    }
  }

  /** Wraps an existing id. */
  public static AudienceId of(String value) {
    return new AudienceId(value);
  }

  /** A new random id. */
  public static AudienceId random() {
    return new AudienceId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
