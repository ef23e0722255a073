package dev.chorus.connector.http;

/** Where a {@link PlatformHttp} puts the account's access token on each request. */
public enum TokenPlacement {
  /** {@code Authorization: Bearer <token>}, the OAuth 2.0 default. */
  BEARER_HEADER,
  /** An {@code access_token} query parameter, as Meta's Graph API also accepts. */
  ACCESS_TOKEN_QUERY_PARAMETER
}
