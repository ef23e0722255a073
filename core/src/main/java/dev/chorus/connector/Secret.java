package dev.chorus.connector;

import java.util.Objects;

/**
 * A secret value (token, client secret, password). Its {@code toString} never shows the value;
 * call {@link #reveal()} only where the secret is sent to the platform.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps a secret. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && java.security.MessageDigest.isEqual(
        value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        that.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // equal secrets must share a hash without the hash revealing anything
  }

  @Override
  public String toString() {
    return "Secret[***]";
  }
}
