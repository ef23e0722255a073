package dev.chorus.connector;

/**
 * The version of the connector SPI. A provider reports the version it was compiled against; the
 * registry refuses a provider whose major version differs, because its methods would not line up.
 */
public final class ConnectorSpi {

  /** The SPI version this build of Chorus speaks. Incremented on every incompatible change. */
  public static final int VERSION = 1;

  private ConnectorSpi() {}
}
