package dev.chorus.connector.http.oauth;

import dev.chorus.connector.Secret;
import dev.chorus.connector.http.AccessToken;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.model.Checks;
import dev.chorus.model.CredentialsRef;
import java.util.Optional;

/**
 * Credentials that fall back to a configured access (and refresh) token for an account with nothing
 * stored yet: the first use stores them through {@link ManagedCredentials#connect}, so that
 * refreshes and rotations then work as for any connected account. Used by connectors whose
 * settings take a fixed token for development and single-account hosts. {@code toString} shows no
 * token.
 */
public final class SeededCredentials implements CredentialSource {

  private final ManagedCredentials managed;
  private final TokenStore store;
  private final Secret accessToken;
  private final Secret refreshToken;

  /**
   * Seeds {@code managed} from the configured tokens.
   *
   * @param managed the managed credentials the tokens go into
   * @param store the store {@code managed} keeps tokens in, asked whether an account has any
   * @param accessToken the configured access token
   * @param refreshToken the configured refresh token, if any
   */
  public SeededCredentials(ManagedCredentials managed, TokenStore store, Secret accessToken,
      Optional<Secret> refreshToken) {
    this.managed = Checks.required("managed", managed);
    this.store = Checks.required("store", store);
    this.accessToken = Checks.required("accessToken", accessToken);
    this.refreshToken = Checks.required("refreshToken", refreshToken).orElse(null);
  }

  /**
   * The account's stored token, seeding the store with the configured tokens first when it holds
   * none for the account.
   */
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

  /** Refreshes through the managed credentials. */
  @Override
  public Optional<AccessToken> refresh(CredentialsRef account, AccessToken rejected) {
    return managed.refresh(account, rejected);
  }

  @Override
  public String toString() {
    return "SeededCredentials[" + managed + "]";
  }
}
