package dev.chorus.model;

import java.util.UUID;

/** The opaque identifier of a {@link Actor}. */
public record ActorId(String value) {

  public ActorId {
    Checks.notBlank("actorId", value);
    if (value.length() > 200) {
      throw new dev.chorus.InvalidValueException("actorId", value, "must be at most 200 characters");
    }
  }

  /** Wraps an existing id. */
  public static ActorId of(String value) {
    return new ActorId(value);
  }

  /** A new random id. */
  public static ActorId random() {
    return new ActorId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
