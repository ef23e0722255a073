package dev.chorus.connector.threads;

import dev.chorus.connector.Connector;
import dev.chorus.model.SocialAccount;

/** The Threads connector: a {@link Connector} that also reads the account's publishing quotas. */
public interface ThreadsConnector extends Connector {

  /**
   * The account's post and reply quotas now, read from {@code threads_publishing_limit}. {@code
   * publish} and {@code reply} read them too and fail with {@link
   * dev.chorus.connector.RateLimitedException} before creating any container when a quota they need
   * is used up.
   */
  PublishingLimit publishingLimit(SocialAccount account);
}
