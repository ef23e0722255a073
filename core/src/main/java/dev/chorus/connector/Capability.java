package dev.chorus.connector;

/**
 * A feature a connector may support. Operations that need an undeclared capability fail with
 * {@link UnsupportedCapabilityException} before any I/O.
 */
public enum Capability {
  /** Publish posts. */
  PUBLISH,
  /** Delete published posts. */
  DELETE,
  /** Edit published posts. */
  EDIT,
  /** Reply to interactions. */
  REPLY,
  /** Hand a future publish time to the platform itself. */
  NATIVE_SCHEDULING,
  /** Metrics of individual posts. */
  POST_METRICS,
  /** Metrics of the account (followers and the like). */
  ACCOUNT_METRICS,
  /** Read comments, mentions, replies or messages. */
  INTERACTIONS,
  /** The platform de-duplicates publishes by an idempotency key. */
  IDEMPOTENCY_KEYS,
  /** Find a post that may already exist after an ambiguous failure. */
  RECONCILE,
  /** Post a first comment under the post. */
  FIRST_COMMENT,
  /** Attach a poll. */
  POLL,
  /** Share a link with a preview card. */
  LINK,
  /** Alt text on images. */
  ALT_TEXT,
  /** Search public posts by keyword, hashtag or mention ({@link Connector#search}). */
  SEARCH,
  /**
   * Read another account's public profile: its public counters and recent posts ({@link
   * Connector#lookupProfile}).
   */
  PUBLIC_PROFILES,
  /** Hide an interaction (such as a comment) on the platform, and unhide it again. */
  HIDE
}
