package dev.chorus.connector.http;

import dev.chorus.model.CredentialsRef;
import java.util.Optional;

/**
 * Supplies the access token for an account. {@link dev.chorus.connector.http.oauth.ManagedCredentials}
 * is the standard implementation (token store, refresh ahead of expiry, one refresh in flight per
 * account); OAuth 2.0, session logins and long-lived app tokens all fit behind it.
 */
public interface CredentialSource {

  /**
   * A token for {@code account} that is valid now, refreshed first when it is about to expire.
   *
   * @throws dev.chorus.connector.AuthenticationExpiredException when there is no usable credential
   */
  AccessToken accessToken(CredentialsRef account);

  /**
   * Called once after the platform rejected {@code rejected}: returns a different token to retry
   * with, or empty when this source cannot refresh (the caller then reports the rejection).
   *
   * @throws dev.chorus.connector.AuthenticationExpiredException when the refresh itself was refused
   */
  Optional<AccessToken> refresh(CredentialsRef account, AccessToken rejected);

  /** A source that always hands out the same token and cannot refresh it. */
  static CredentialSource fixed(AccessToken token) {
    return new CredentialSource() {
      @Override
      public AccessToken accessToken(CredentialsRef account) {
        return token;
      }

      @Override
      public Optional<AccessToken> refresh(CredentialsRef account, AccessToken rejected) {
        return Optional.empty();
      }
    };
  }
}
