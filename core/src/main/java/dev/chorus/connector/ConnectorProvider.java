package dev.chorus.connector;

import dev.chorus.model.Platform;

/**
 * The entry point of a connector plugin, found through {@link java.util.ServiceLoader} (list the
 * class in {@code META-INF/services/dev.chorus.connector.ConnectorProvider}) or registered by
 * hand. It describes the platform, the SPI version, the declared capabilities and the
 * configuration, and creates connectors once the configuration has been validated.
 */
public interface ConnectorProvider {

  /** The platform this provider connects to. */
  Platform platform();

  /** The {@link ConnectorSpi#VERSION} the provider was built against. */
  default int spiVersion() {
    return ConnectorSpi.VERSION;
  }

  /** What the connector can do and the platform's limits, declared up front as data. */
  Capabilities capabilities();

  /** The configuration the connector accepts, declared as data. */
  ConfigSpec configSpec();

  /**
   * Creates a connector. {@code config} has already been validated against {@link #configSpec()}.
   */
  Connector create(ConnectorContext context, ConnectorConfig config);
}
