/**
 * The Bluesky (AT Protocol) connector: {@link dev.chorus.connector.bluesky.BlueskyConnectorProvider}
 * and the one extension point a host may supply, {@link dev.chorus.connector.http.MediaReader}.
 * Everything is non-null unless documented otherwise.
 */
package dev.chorus.connector.bluesky;
