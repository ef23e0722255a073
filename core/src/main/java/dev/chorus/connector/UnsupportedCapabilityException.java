package dev.chorus.connector;

import dev.chorus.model.Platform;

/**
 * The operation needs a capability the connector does not declare. Thrown before any I/O, so it
 * never costs a platform call or quota.
 */
public final class UnsupportedCapabilityException extends ConnectorException {

  private final Capability capability;

  public UnsupportedCapabilityException(Platform platform, Capability capability) {
    super(platform, 0, null, "capability " + capability + " is not supported", null);
    this.capability = capability;
  }

  /** The missing capability. */
  public Capability capability() {
    return capability;
  }
}
