package dev.chorus.text;

import dev.chorus.InvalidValueException;

/**
 * A range of a text in bytes of its UTF-8 encoding, as Bluesky facets ({@code byteStart}, {@code
 * byteEnd}) address it.
 *
 * @param start offset of the first byte
 * @param end offset after the last byte
 */
public record Utf8Range(int start, int end) {

  public Utf8Range {
    if (start < 0) {
      throw new InvalidValueException("utf8Range.start", start, "must not be negative");
    }
    if (end < start) {
      throw new InvalidValueException("utf8Range.end", end, "must not be before start " + start);
    }
  }
}
