package dev.chorus.connector.bluesky.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.http.AccessToken;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * App-password sessions: {@code createSession} on first use, {@code refreshSession} with the
 * refresh JWT when the access JWT expires (ahead of time when its {@code exp} claim is readable,
 * or after the PDS answers 400 {@code ExpiredToken}), and a new {@code createSession} when the
 * refresh JWT itself is no longer accepted. Tokens live in a {@link TokenStore} under one
 * reference per identifier; the DID and handle ride along as non-secret attributes.
 * Thread-safe: one login at a time, one refresh in flight (through {@link ManagedCredentials}).
 */
public final class Sessions implements CredentialSource {

  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

  static final String CREATE = "/xrpc/com.atproto.server.createSession";
  static final String REFRESH = "/xrpc/com.atproto.server.refreshSession";

  private final PlatformHttp auth;
  private final String identifier;
  private final Secret password;
  private final TokenStore store;
  private final CredentialsRef ref;
  private final ManagedCredentials managed;
  private final ReentrantLock loginLock = new ReentrantLock();

  /**
   * @param auth a client without credentials, for the session endpoints
   * @param identifier the handle, DID or e-mail to log in with
   * @param password the app password
   * @param store where session tokens are kept
   * @param clock the clock that decides when a token is due for refresh
   */
  public Sessions(PlatformHttp auth, String identifier, Secret password, TokenStore store, Clock clock) {
    if (identifier == null || identifier.isBlank()) {
      throw new InvalidValueException("identifier", identifier, "must not be blank");
    }
    this.auth = auth;
    this.identifier = identifier.strip();
    this.password = password;
    this.store = store;
    this.ref = CredentialsRef.of("bluesky-session:" + this.identifier);
    this.managed = ManagedCredentials.builder()
        .platform(Platform.BLUESKY).store(store).refresher(this::refresh).clock(clock).build();
  }

  /** The DID of the logged-in account, logging in first when there is no session yet. */
  public String did() {
    return session().attributes().get("did");
  }

  @Override
  public AccessToken accessToken(CredentialsRef account) {
    session();
    return managed.accessToken(ref);
  }

  @Override
  public Optional<AccessToken> refresh(CredentialsRef account, AccessToken rejected) {
    return managed.refresh(ref, rejected);
  }

  private OAuthTokens session() {
    Optional<OAuthTokens> stored = store.load(ref);
    if (stored.isPresent()) {
      return stored.get();
    }
    loginLock.lock();
    try {
      Optional<OAuthTokens> again = store.load(ref);
      if (again.isPresent()) {
        return again.get();
      }
      return managed.connect(ref, login());
    } finally {
      loginLock.unlock();
    }
  }

  private OAuthTokens login() {
    ObjectNode body = BskyJson.MAPPER.createObjectNode();
    body.put("identifier", identifier);
    body.put("password", password.reveal());
    ApiResponse response = auth.execute(ApiRequest.post(CREATE)
        .rateLimitBucket("createSession").jsonBody(BskyJson.write(body)).build());
    OAuthTokens tokens = tokens(response.json());
    LOG.info("bluesky session created for {} ({})", identifier, tokens.attributes().get("did"));
    return tokens;
  }

  private OAuthTokens refresh(OAuthTokens current) {
    String refreshJwt = current.refreshToken().orElse(null);
    if (refreshJwt != null) {
      try {
        ApiResponse response = auth.execute(ApiRequest.post(REFRESH)
            .header("Authorization", "Bearer " + refreshJwt).rateLimitBucket("refreshSession").build());
        LOG.debug("bluesky session of {} refreshed", identifier);
        return tokens(response.json());
      } catch (AuthenticationExpiredException refused) {
        LOG.info("bluesky refresh token of {} refused ({}); logging in again", identifier,
            refused.getClass().getSimpleName());
      }
    }
    return login();
  }

  private static OAuthTokens tokens(JsonNode json) {
    String access = BskyJson.text(json, "accessJwt");
    String refreshJwt = BskyJson.text(json, "refreshJwt");
    String did = BskyJson.text(json, "did");
    if (access == null || did == null) {
      throw new AuthenticationExpiredException(Platform.BLUESKY, 200, null,
          "the session response lacks accessJwt or did");
    }
    OAuthTokens.Builder builder = OAuthTokens.builder()
        .accessToken(access).refreshToken(refreshJwt).expiresAt(expiry(access)).attribute("did", did);
    String handle = BskyJson.text(json, "handle");
    if (handle != null) {
      builder.attribute("handle", handle);
    }
    return builder.build();
  }

  /** The {@code exp} claim of a JWT, or null when the token is not a readable JWT. */
  static Instant expiry(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      return null;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode claims = BskyJson.parse(new String(payload, StandardCharsets.UTF_8));
      JsonNode exp = claims.path("exp");
      return exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "Sessions[" + identifier + "]";
  }
}
