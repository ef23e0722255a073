package dev.chorus.model;

import java.util.UUID;

/** The opaque identifier of a {@link Post}. */
public record PostId(String value) {

  public PostId {
    Checks.notBlank("postId", value);
    if (value.length() > 200) {
      throw new dev.chorus.InvalidValueException("postId", value, "must be at most 200 characters");
    }
  }

  /** Wraps an existing id. */
  public static PostId of(String value) {
    return new PostId(value);
  }

  /** A new random id. */
  public static PostId random() {
    return new PostId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
