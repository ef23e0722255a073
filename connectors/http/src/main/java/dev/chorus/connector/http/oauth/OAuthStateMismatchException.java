package dev.chorus.connector.http.oauth;

import dev.chorus.InvalidValueException;

/**
 * The {@code state} returned to the redirect URI is not the one this authorisation started with:
 * the callback may be forged (CSRF) or belong to another attempt, so no code is exchanged.
 */
public final class OAuthStateMismatchException extends InvalidValueException {

  /** Names the returned state; the expected one is not printed. */
  public OAuthStateMismatchException(String returnedState) {
    super("state", returnedState, "does not match the state of the pending authorisation");
  }
}
