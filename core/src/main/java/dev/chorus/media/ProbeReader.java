package dev.chorus.media;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads header fields from a media stream, tracking the position and counting structural steps so
 * a hostile or endless input ends in a {@link MediaProbeException} instead of a hang.
 */
final class ProbeReader {

  /** Boxes, segments, blocks and sub-blocks one probe may visit. */
  static final int MAX_STEPS = 1_000_000;

  private final InputStream in;
  private final MediaSource source;
  private final byte[] head;
  private final int headLength;
  private long position;
  private int steps;
  /** A byte read ahead by {@link #atEnd()}, or -1 when none is pending. */
  private int pending = -1;

  ProbeReader(InputStream raw, MediaSource source, int peek) throws IOException {
    this.in = new BufferedInputStream(raw, 8192);
    this.source = source;
    this.head = new byte[peek];
    this.headLength = in.readNBytes(head, 0, peek);
  }

  /** The first bytes of the stream (fewer if the stream is shorter), without consuming them. */
  byte[] head() {
    return java.util.Arrays.copyOf(head, headLength);
  }

  long position() {
    return position;
  }

  MediaProbeException corrupt(String problem) {
    return new MediaProbeException(source, problem);
  }

  /** Counts one structural step and fails when the budget is spent. */
  void step() {
    if (++steps > MAX_STEPS) {
      throw corrupt("more than " + MAX_STEPS + " structures before the header ended");
    }
  }

  /** Whether the stream has ended exactly here. */
  boolean atEnd() throws IOException {
    if (position < headLength) {
      return false;
    }
    if (pending >= 0) {
      return false;
    }
    // Read ahead by hand: BufferedInputStream.mark would stop skip() from seeking.
    pending = in.read();
    return pending < 0;
  }

  int u8() throws IOException {
    int value;
    if (position < headLength) {
      value = head[(int) position] & 0xFF;
    } else if (pending >= 0) {
      value = pending;
      pending = -1;
    } else {
      value = in.read();
      if (value < 0) {
        throw new EOFException();
      }
    }
    position++;
    return value;
  }

  int u16be() throws IOException {
    return (u8() << 8) | u8();
  }

  int u16le() throws IOException {
    return u8() | (u8() << 8);
  }

  int u24le() throws IOException {
    return u8() | (u8() << 8) | (u8() << 16);
  }

  long u32be() throws IOException {
    return ((long) u16be() << 16) | u16be();
  }

  long u32le() throws IOException {
    return u16le() | ((long) u16le() << 16);
  }

  long u64be() throws IOException {
    return (u32be() << 32) | u32be();
  }

  String fourCc() throws IOException {
    char[] chars = new char[4];
    for (int i = 0; i < 4; i++) {
      chars[i] = (char) u8();
    }
    return new String(chars);
  }

  void skip(long count) throws IOException {
    if (count < 0) {
      throw corrupt("negative skip of " + count + " bytes at offset " + position);
    }
    long fromHead = Math.min(count, Math.max(0, headLength - position));
    position += fromHead;
    long rest = count - fromHead;
    if (rest > 0 && pending >= 0) {
      pending = -1;
      position++;
      rest--;
    }
    if (rest > 0) {
      // skipNBytes seeks on file streams and throws EOFException when the data runs out.
      in.skipNBytes(rest);
      position += rest;
    }
  }

  void skipTo(long target) throws IOException {
    if (target < position) {
      throw corrupt("structure ends at offset " + target + " before the reader at " + position);
    }
    skip(target - position);
  }
}
