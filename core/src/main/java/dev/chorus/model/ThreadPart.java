package dev.chorus.model;

import java.util.List;

/** A follow-up part of a thread (on X, Threads, Bluesky or Mastodon), posted as a reply chain. */
public record ThreadPart(String text, List<MediaAsset> media) {

  public ThreadPart {
    media = Checks.list("threadPart.media", media);
    if (media.isEmpty()) {
      Checks.notBlank("threadPart.text", text);
    } else {
      text = text == null ? "" : text;
    }
  }

  /** A text-only part. */
  public static ThreadPart of(String text) {
    return new ThreadPart(text, List.of());
  }
}
