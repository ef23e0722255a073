package dev.chorus.connector.http.oauth;

import dev.chorus.model.CredentialsRef;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TokenStore} in memory, for tests and short-lived processes. */
public final class InMemoryTokenStore implements TokenStore {

  private final ConcurrentHashMap<CredentialsRef, OAuthTokens> tokens = new ConcurrentHashMap<>();

  @Override
  public Optional<OAuthTokens> load(CredentialsRef ref) {
    return Optional.ofNullable(tokens.get(ref));
  }

  @Override
  public void save(CredentialsRef ref, OAuthTokens value) {
    tokens.put(ref, value);
  }

  @Override
  public void delete(CredentialsRef ref) {
    tokens.remove(ref);
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[" + tokens.size() + " credentials]";
  }
}
