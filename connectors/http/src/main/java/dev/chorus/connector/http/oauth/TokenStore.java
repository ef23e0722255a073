package dev.chorus.connector.http.oauth;

import dev.chorus.model.CredentialsRef;
import java.util.Optional;

/**
 * Where account credentials live, keyed by {@link CredentialsRef}. Implementations must make a
 * {@link #save} durable before returning: a rotated refresh token is saved before it is used.
 */
public interface TokenStore {

  /** The stored credential, if any. @throws TokenStoreException when it exists but cannot be read */
  Optional<OAuthTokens> load(CredentialsRef ref);

  /** Stores (replacing) the credential. */
  void save(CredentialsRef ref, OAuthTokens tokens);

  /** Removes the credential (disconnect). */
  void delete(CredentialsRef ref);
}
