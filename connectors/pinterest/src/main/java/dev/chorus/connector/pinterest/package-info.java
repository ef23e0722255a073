/**
 * The Pinterest connector (API v5): {@link dev.chorus.connector.pinterest.PinterestConnectorProvider}
 * (found through {@link java.util.ServiceLoader}), {@link dev.chorus.connector.pinterest.PinterestConnector}
 * with boards and pin analytics beyond the SPI, {@link dev.chorus.connector.pinterest.PinterestOAuth}
 * for connecting accounts, the shared {@link dev.chorus.connector.http.MediaReader} for reading media bytes
 * and {@link dev.chorus.connector.pinterest.PinterestOptions} for per-post options. Everything is
 * non-null unless documented otherwise; the implementation lives in {@code
 * dev.chorus.connector.pinterest.internal}.
 */
package dev.chorus.connector.pinterest;
