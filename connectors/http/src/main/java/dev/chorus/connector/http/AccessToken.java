package dev.chorus.connector.http;

import dev.chorus.InvalidValueException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token ready to be put on a request, with its expiry when known. Its {@code toString}
 * never shows the token.
 */
public final class AccessToken {

  private final String value;
  private final Instant expiresAt;

  private AccessToken(String value, Instant expiresAt) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("accessToken", "<redacted>", "must not be blank");
    }
    this.value = value;
    this.expiresAt = expiresAt;
  }

  /** A token that does not expire on its own (for example a Mastodon app token). */
  public static AccessToken of(String value) {
    return new AccessToken(value, null);
  }

  /** A token that expires at {@code expiresAt} ({@code null} when unknown). */
  public static AccessToken of(String value, Instant expiresAt) {
    return new AccessToken(value, expiresAt);
  }

  /** The secret token itself; never log it. */
  public String value() {
    return value;
  }

  /** When the token expires, if known. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AccessToken token
        && token.value.equals(value)
        && Objects.equals(token.expiresAt, expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, expiresAt);
  }

  @Override
  public String toString() {
    return "AccessToken[value=<redacted>, expiresAt=" + expiresAt + "]";
  }
}
