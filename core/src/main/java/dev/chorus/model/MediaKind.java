package dev.chorus.model;

/** What a media asset is, as platforms distinguish it. */
public enum MediaKind {
  IMAGE,
  /** An animated GIF; several platforms count it apart from images and video. */
  GIF,
  VIDEO,
  /** A PDF or slide deck, for document posts. */
  DOCUMENT
}
