package dev.chorus.connector.http.oauth;

/** How an OAuth client proves itself on the token endpoint. */
public enum ClientAuthentication {
  /** {@code Authorization: Basic base64(client_id:client_secret)} (X confidential clients, Pinterest). */
  BASIC,
  /** {@code client_id} and {@code client_secret} as form fields (LinkedIn, Google, TikTok, Mastodon). */
  REQUEST_BODY,
  /** A public client: only {@code client_id}, protected by PKCE. */
  NONE
}
