package dev.chorus.connector.http.oauth;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.http.AccessToken;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard {@link CredentialSource}: tokens from a {@link TokenStore}, refreshed ahead of expiry
 * by a {@link TokenRefresher} with at most one refresh in flight per account (concurrent callers
 * wait and reuse its result), new tokens saved before they are used, and a refresh token never
 * dropped when the platform does not send a new one. Without a refresher, tokens are used as they
 * are (Mastodon app tokens).
 */
public final class ManagedCredentials implements CredentialSource {

  private static final Logger LOG = LoggerFactory.getLogger(ManagedCredentials.class);

  private final Platform platform;
  private final TokenStore store;
  private final TokenRefresher refresher;
  private final Clock clock;
  private final Duration refreshAhead;
  private final ConcurrentHashMap<CredentialsRef, ReentrantLock> locks = new ConcurrentHashMap<>();

  private ManagedCredentials(Builder builder) {
    this.platform = builder.platform;
    this.store = builder.store;
    this.refresher = builder.refresher;
    this.clock = builder.clock;
    this.refreshAhead = builder.refreshAhead;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Stores the tokens of a (re)connected account. When they carry no refresh token, the stored one
   * is kept, so a reconnect never blanks it.
   */
  public OAuthTokens connect(CredentialsRef ref, OAuthTokens tokens) {
    ReentrantLock lock = lock(ref);
    lock.lock();
    try {
      OAuthTokens merged = tokens.keepingRefreshTokenOf(store.load(ref).orElse(null));
      store.save(ref, merged);
      LOG.info("{} credentials {} connected", platform, ref.value());
      return merged;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public AccessToken accessToken(CredentialsRef ref) {
    OAuthTokens current = loadOrFail(ref);
    if (refresher == null || !dueForRefresh(current)) {
      return current.toAccessToken();
    }
    return refreshUnlessDone(ref, current.accessToken(), false).toAccessToken();
  }

  @Override
  public Optional<AccessToken> refresh(CredentialsRef ref, AccessToken rejected) {
    if (refresher == null) {
      return Optional.empty();
    }
    return Optional.of(refreshUnlessDone(ref, rejected.value(), true).toAccessToken());
  }

  private OAuthTokens refreshUnlessDone(CredentialsRef ref, String staleAccessToken, boolean rejected) {
    ReentrantLock lock = lock(ref);
    lock.lock();
    try {
      // Re-read under the lock: the caller ahead of us may already have refreshed.
      OAuthTokens current = loadOrFail(ref);
      if (!current.accessToken().equals(staleAccessToken) && !dueForRefresh(current)) {
        return current;
      }
      if (rejected && !current.accessToken().equals(staleAccessToken)) {
        return current;
      }
      OAuthTokens fresh = refresher.refresh(current).keepingRefreshTokenOf(current);
      // Save before anyone uses the new token: a rotated refresh token must never exist only in memory.
      store.save(ref, fresh);
      LOG.info("{} credentials {} refreshed; access token valid until {}", platform, ref.value(),
          fresh.expiresAt().map(Object::toString).orElse("revoked"));
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  private boolean dueForRefresh(OAuthTokens tokens) {
    return tokens.expiresAt().map(at -> !clock.instant().plus(refreshAhead).isBefore(at)).orElse(false);
  }

  private OAuthTokens loadOrFail(CredentialsRef ref) {
    return store.load(ref).orElseThrow(() -> new AuthenticationExpiredException(
        platform, 0, null, "no credentials stored for " + ref.value() + "; connect the account"));
  }

  private ReentrantLock lock(CredentialsRef ref) {
    return locks.computeIfAbsent(ref, r -> new ReentrantLock());
  }

  @Override
  public String toString() {
    return "ManagedCredentials[" + platform + ", " + store + "]";
  }

  /** Builds {@link ManagedCredentials}. */
  public static final class Builder {
    private Platform platform;
    private TokenStore store;
    private TokenRefresher refresher;
    private Clock clock = Clock.systemUTC();
    private Duration refreshAhead = Duration.ofMinutes(5);

    private Builder() {}

    /** The platform, named in errors (required). */
    public Builder platform(Platform platform) {
      this.platform = platform;
      return this;
    }

    /** The token store (required). */
    public Builder store(TokenStore store) {
      this.store = store;
      return this;
    }

    /** How to refresh; omit for tokens that cannot be refreshed. */
    public Builder refresher(TokenRefresher refresher) {
      this.refresher = refresher;
      return this;
    }

    /** The clock expiry is judged by; use the runtime's. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long before expiry to refresh (default 5 minutes). */
    public Builder refreshAhead(Duration refreshAhead) {
      if (refreshAhead == null || refreshAhead.isNegative()) {
        throw new InvalidValueException("refreshAhead", refreshAhead, "must be zero or positive");
      }
      this.refreshAhead = refreshAhead;
      return this;
    }

    /** The credentials source. */
    public ManagedCredentials build() {
      if (platform == null) {
        throw new InvalidValueException("platform", null, "is required");
      }
      if (store == null) {
        throw new InvalidValueException("store", null, "is required");
      }
      if (clock == null) {
        throw new InvalidValueException("clock", null, "is required");
      }
      return new ManagedCredentials(this);
    }
  }
}
