/**
 * The connector SPI: what a plugin implements to bring a platform to Chorus ({@link
 * dev.chorus.connector.ConnectorProvider}, {@link dev.chorus.connector.Connector}), the
 * capabilities and limits it declares as data, its configuration, and the typed errors every
 * platform failure maps to. Non-null by default.
 */
package dev.chorus.connector;
