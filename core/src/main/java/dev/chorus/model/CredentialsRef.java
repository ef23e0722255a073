package dev.chorus.model;

/**
 * A reference to an account's credentials in a token store: never the secret itself, so it is safe
 * to log, serialise and show.
 */
public record CredentialsRef(String value) {

  public CredentialsRef {
    Checks.notBlank("credentialsRef", value);
  }

  /** Wraps a reference. */
  public static CredentialsRef of(String value) {
    return new CredentialsRef(value);
  }
}
