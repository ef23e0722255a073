package dev.chorus.connector.bluesky.internal;

import dev.chorus.text.Utf8Range;

/**
 * One rich-text facet found in a post's text: its kind, its UTF-16 span (for Java callers), its
 * UTF-8 byte span (what the AT Protocol records) and its value: the handle without {@code @} for a
 * mention, the full URI for a link, the tag without {@code #} for a tag.
 *
 * @param kind what the facet is
 * @param start the first UTF-16 index, inclusive
 * @param end the last UTF-16 index, exclusive
 * @param bytes the same span as UTF-8 byte offsets
 * @param value the handle, URI or tag
 */
public record Facet(Kind kind, int start, int end, Utf8Range bytes, String value) {

  /** The three facet features of {@code app.bsky.richtext.facet}. */
  public enum Kind {
    /** {@code #mention}; the value is the handle, resolved to a DID before posting. */
    MENTION,
    /** {@code #link}; the value is the full URI. */
    LINK,
    /** {@code #tag}; the value has no leading {@code #} (cashtags keep their {@code $}). */
    TAG
  }
}
