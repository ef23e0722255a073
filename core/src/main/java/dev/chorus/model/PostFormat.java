package dev.chorus.model;

/** The shape a post takes on its platform. Connectors declare which they support. */
public enum PostFormat {
  FEED,
  STORY,
  REEL,
  SHORT,
  CAROUSEL,
  THREAD,
  PIN,
  VIDEO,
  DOCUMENT
}
