/**
 * The X (Twitter) API v2 connector: {@link dev.chorus.connector.x.XConnectorProvider} (found through
 * {@link java.util.ServiceLoader}) and {@link dev.chorus.connector.x.XOAuth} for connecting accounts
 * with OAuth 2.0 and PKCE. Everything is non-null unless documented otherwise; the implementation
 * lives in {@code dev.chorus.connector.x.internal}.
 */
package dev.chorus.connector.x;
