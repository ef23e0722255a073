package dev.chorus.connector.http.oauth;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.http.AccessToken;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's stored credential: access token, optional refresh token and expiry, granted scope
 * and non-secret attributes (for example a Bluesky DID). OAuth grants, session logins and
 * long-lived app tokens all fit. Its {@code toString} never shows a token.
 */
public final class OAuthTokens {

  private final String accessToken;
  private final String refreshToken;
  private final Instant expiresAt;
  private final String scope;
  private final Map<String, String> attributes;

  private OAuthTokens(Builder builder) {
    if (builder.accessToken == null || builder.accessToken.isBlank()) {
      throw new InvalidValueException("accessToken", "<redacted>", "must not be blank");
    }
    this.accessToken = builder.accessToken;
    this.refreshToken = builder.refreshToken == null || builder.refreshToken.isBlank() ? null : builder.refreshToken;
    this.expiresAt = builder.expiresAt;
    this.scope = builder.scope == null ? "" : builder.scope;
    this.attributes = Map.copyOf(builder.attributes);
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The access token; never log it. */
  public String accessToken() {
    return accessToken;
  }

  /** The refresh token (or session refresh JWT), if the platform issued one; never log it. */
  public Optional<String> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /** When the access token expires, if known. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** The granted scope as the platform wrote it; empty when not said. */
  public String scope() {
    return scope;
  }

  /** Non-secret extras such as a user id or DID. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** The access token as an {@link AccessToken}. */
  public AccessToken toAccessToken() {
    return AccessToken.of(accessToken, expiresAt);
  }

  /**
   * These tokens, keeping {@code previous}'s refresh token when these have none: platforms that do
   * not rotate (Google, some reconnects) omit it, and losing it would disconnect the account.
   */
  public OAuthTokens keepingRefreshTokenOf(OAuthTokens previous) {
    if (refreshToken != null || previous == null || previous.refreshToken == null) {
      return this;
    }
    return newBuilder().refreshToken(previous.refreshToken).build();
  }

  /** A builder prefilled with these tokens. */
  public Builder newBuilder() {
    Builder builder = new Builder().accessToken(accessToken).refreshToken(refreshToken).expiresAt(expiresAt)
        .scope(scope);
    builder.attributes.putAll(attributes);
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OAuthTokens that
        && accessToken.equals(that.accessToken)
        && Objects.equals(refreshToken, that.refreshToken)
        && Objects.equals(expiresAt, that.expiresAt)
        && scope.equals(that.scope)
        && attributes.equals(that.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accessToken, refreshToken, expiresAt, scope, attributes);
  }

  @Override
  public String toString() {
    return "OAuthTokens[accessToken=<redacted>, refreshToken=" + (refreshToken == null ? "none" : "<redacted>")
        + ", expiresAt=" + expiresAt + ", scope=" + scope + ", attributes=" + attributes + "]";
  }

  /** Builds {@link OAuthTokens}. */
  public static final class Builder {
    private String accessToken;
    private String refreshToken;
    private Instant expiresAt;
    private String scope;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder() {}

    /** The access token (required). */
    public Builder accessToken(String accessToken) {
      this.accessToken = accessToken;
      return this;
    }

    /** The refresh token; {@code null} or blank for none. */
    public Builder refreshToken(String refreshToken) {
      this.refreshToken = refreshToken;
      return this;
    }

    /** The expiry; {@code null} for a token that does not expire on its own. */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** The granted scope. */
    public Builder scope(String scope) {
      this.scope = scope;
      return this;
    }

    /** A non-secret attribute. */
    public Builder attribute(String name, String value) {
      if (name == null || name.isBlank() || value == null) {
        throw new InvalidValueException("attribute", name, "needs a non-blank name and a value");
      }
      if (dev.chorus.connector.http.internal.Redactor.isSensitiveName(name)) {
        throw new InvalidValueException("attribute", name, "looks secret; attributes are not redacted");
      }
      attributes.put(name, value);
      return this;
    }

    /** The tokens. */
    public OAuthTokens build() {
      return new OAuthTokens(this);
    }
  }
}
