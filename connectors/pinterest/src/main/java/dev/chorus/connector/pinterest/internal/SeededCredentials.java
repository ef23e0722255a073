package dev.chorus.connector.pinterest.internal;

import dev.chorus.connector.Secret;
import dev.chorus.connector.http.AccessToken;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.model.CredentialsRef;
import java.util.Optional;

/**
 * Credentials that fall back to the configured access (and refresh) token for an account with
 * nothing stored yet, storing it so refreshes work as for any connected account.
 */
final class SeededCredentials implements CredentialSource {

  private final ManagedCredentials managed;
  private final TokenStore store;
  private final Secret accessToken;
  private final Secret refreshToken;

  SeededCredentials(ManagedCredentials managed, TokenStore store, Secret accessToken, Secret refreshToken) {
    this.managed = managed;
    this.store = store;
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
  }

  @Override
  public AccessToken accessToken(CredentialsRef account) {
    if (store.load(account).isEmpty()) {
      OAuthTokens.Builder tokens = OAuthTokens.builder().accessToken(accessToken.reveal());
      if (refreshToken != null) {
        tokens.refreshToken(refreshToken.reveal());
      }
      managed.connect(account, tokens.build());
    }
    return managed.accessToken(account);
  }

  @Override
  public Optional<AccessToken> refresh(CredentialsRef account, AccessToken rejected) {
    return managed.refresh(account, rejected);
  }

  @Override
  public String toString() {
    return "SeededCredentials[" + managed + "]";
  }
}
