package dev.chorus.connector.instagram;

import dev.chorus.connector.Connector;
import dev.chorus.model.SocialAccount;

/** The Instagram connector: a {@link Connector} that also reads the account's publishing quota. */
public interface InstagramConnector extends Connector {

  /**
   * The account's publishing quota now, read from {@code content_publishing_limit}. {@code
   * publish} reads it too and fails with {@link dev.chorus.connector.RateLimitedException} before
   * creating any container when it is full.
   */
  PublishingLimit publishingLimit(SocialAccount account);
}
