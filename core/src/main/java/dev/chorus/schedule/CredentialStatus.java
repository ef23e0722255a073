package dev.chorus.schedule;

import dev.chorus.model.SocialAccount;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells the scheduler when an account's credential expires, so it can warn with {@link
 * DispatchEvent.CredentialExpiring} before a post fails on it. Implemented by the host, which
 * holds the tokens; Chorus never sees them.
 */
@FunctionalInterface
public interface CredentialStatus {

  /** Knows no expiry: no warning is ever emitted. */
  CredentialStatus UNKNOWN = account -> Optional.empty();

  /** When the account's credential expires, if known. */
  Optional<Instant> expiresAt(SocialAccount account);
}
