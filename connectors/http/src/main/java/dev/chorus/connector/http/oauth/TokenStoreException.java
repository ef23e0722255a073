package dev.chorus.connector.http.oauth;

import dev.chorus.ChorusException;

/**
 * A stored credential could not be read: the wrong key, a tampered entry, or an entry moved from
 * another reference. Retrying cannot help; the account must reconnect or the key be fixed.
 */
public final class TokenStoreException extends ChorusException {

  /** With the reference (never the secret) in the message. */
  public TokenStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
