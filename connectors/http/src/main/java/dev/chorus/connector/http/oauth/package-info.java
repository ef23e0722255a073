/**
 * Credentials for HTTP connectors: OAuth 2.0 with PKCE ({@link dev.chorus.connector.http.oauth.OAuthClient}),
 * managed tokens refreshed ahead of expiry with one refresh in flight per account ({@link
 * dev.chorus.connector.http.oauth.ManagedCredentials}), and token stores, including one encrypted
 * at rest with AES-GCM. Non-null by default; nothing here prints a secret.
 */
package dev.chorus.connector.http.oauth;
