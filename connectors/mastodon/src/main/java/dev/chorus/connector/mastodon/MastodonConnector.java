package dev.chorus.connector.mastodon;

import dev.chorus.connector.Connector;
import java.util.Optional;

/**
 * A {@link Connector} to one Mastodon instance. Besides the SPI it exposes the instance's own
 * limits, read from {@code GET /api/v2/instance}: they replace the declared defaults in {@link
 * #validate} once loaded (before the first publish, or by {@link #refreshInstanceLimits()}), while
 * {@link #capabilities()} keeps reporting the provider's declared defaults.
 *
 * <p>A natively scheduled post is reported with an external id of {@link #SCHEDULED_PREFIX}
 * followed by the id of Mastodon's ScheduledStatus; {@link #delete} cancels it.
 */
public interface MastodonConnector extends Connector {

  /** Prefix of the external id of a post Mastodon holds as a ScheduledStatus. */
  String SCHEDULED_PREFIX = "scheduled:";

  /** The instance's limits, if they have been loaded and have not expired. */
  Optional<InstanceLimits> instanceLimits();

  /**
   * Reads the limits from the instance now and uses them for validation from here on.
   *
   * @throws dev.chorus.connector.ConnectorException when the instance cannot be asked
   */
  InstanceLimits refreshInstanceLimits();
}
