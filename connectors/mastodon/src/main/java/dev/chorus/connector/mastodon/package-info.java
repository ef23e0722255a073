/**
 * The Mastodon connector: {@link dev.chorus.connector.mastodon.MastodonProvider} for any instance
 * by base URL, {@link dev.chorus.connector.mastodon.MastodonConnector} with the instance's limits
 * read at run time, {@link dev.chorus.connector.mastodon.MastodonApps} for app registration and the
 * authorization-code flow, and {@link dev.chorus.connector.mastodon.MastodonOptions} for the
 * platform options a post variant may carry. Everything is non-null unless documented otherwise.
 */
package dev.chorus.connector.mastodon;
