package dev.chorus.inbox;

/** How an item reached the inbox. */
public enum ItemSource {
  /** Fetched by polling the platform. */
  POLL,
  /** Pushed by a webhook delivery. */
  WEBHOOK,
  /** A reply this instance sent. */
  OUTBOUND
}
