/**
 * The TikTok connector (Content Posting API and Display API v2): {@link
 * dev.chorus.connector.tiktok.TikTokConnectorProvider} (found through {@link java.util.ServiceLoader}),
 * {@link dev.chorus.connector.tiktok.TikTokOAuth} for connecting accounts, {@link
 * dev.chorus.connector.http.MediaReader} for reading video bytes and {@link
 * dev.chorus.connector.tiktok.TikTokOptions} for per-post options. Everything is non-null unless
 * documented otherwise; the implementation lives in {@code dev.chorus.connector.tiktok.internal}.
 */
package dev.chorus.connector.tiktok;
