package dev.chorus.model;

import java.util.UUID;

/** The opaque identifier of a {@link SocialAccount}. */
public record AccountId(String value) {

  public AccountId {
    Checks.notBlank("accountId", value);
    if (value.length() > 200) {
      throw new dev.chorus.InvalidValueException("accountId", value, "must be at most 200 characters");
    }
  }

  /** Wraps an existing id. */
  public static AccountId of(String value) {
    return new AccountId(value);
  }

  /** A new random id. */
  public static AccountId random() {
    return new AccountId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
