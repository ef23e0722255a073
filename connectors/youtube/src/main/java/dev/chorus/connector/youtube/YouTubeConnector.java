package dev.chorus.connector.youtube;

import dev.chorus.connector.Connector;

/**
 * A {@link Connector} to YouTube. Besides the SPI it exposes the project's {@link YouTubeQuota}, which
 * every call is charged against before it is made.
 */
public interface YouTubeConnector extends Connector {

  /** The daily quota this connector predicts its calls against. */
  YouTubeQuota quota();
}
