package dev.chorus.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Builds minimal ISO BMFF box trees by hand, so tests need no binary fixtures. */
final class Mp4Fixtures {

  private Mp4Fixtures() {}

  static byte[] box(String type, byte[]... children) {
    int length = 8;
    for (byte[] child : children) {
      length += child.length;
    }
    Bytes bytes = new Bytes().u32(length).type(type);
    for (byte[] child : children) {
      bytes.raw(child);
    }
    return bytes.toArray();
  }

  /** A box whose header uses the 64-bit largesize form. */
  static byte[] largeBox(String type, byte[] payload) {
    return new Bytes().u32(1).type(type).u64(16L + payload.length).raw(payload).toArray();
  }

  static byte[] ftyp(String brand) {
    return box("ftyp", new Bytes().type(brand).u32(0).type("isom").toArray());
  }

  static byte[] mvhdV0(long timescale, long duration) {
    Bytes body = new Bytes().u8(0).u24(0).u32(0).u32(0).u32(timescale).u32(duration);
    body.zeros(80); // rate, volume, reserved, matrix, pre_defined, next_track_ID
    return box("mvhd", body.toArray());
  }

  static byte[] mvhdV1(long timescale, long duration) {
    Bytes body = new Bytes().u8(1).u24(0).u64(0).u64(0).u32(timescale).u64(duration);
    body.zeros(80);
    return box("mvhd", body.toArray());
  }

  /** A track header with width and height in 16.16 fixed point. */
  static byte[] tkhd(int version, double width, double height) {
    Bytes body = new Bytes().u8(version).u24(7);
    if (version == 1) {
      body.u64(0).u64(0).u32(1).u32(0).u64(1000);
    } else {
      body.u32(0).u32(0).u32(1).u32(0).u32(1000);
    }
    body.zeros(8).u16(0).u16(0).u16(0).u16(0);
    int[] identity = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};
    for (int value : identity) {
      body.u32(value & 0xFFFFFFFFL);
    }
    body.u32((long) (width * 65536)).u32((long) (height * 65536));
    return box("tkhd", body.toArray());
  }

  static byte[] hdlr(String handler) {
    return box("hdlr", new Bytes().u32(0).u32(0).type(handler).zeros(12).u8(0).toArray());
  }

  static byte[] trak(byte[] tkhd, String handler) {
    return box("trak", tkhd, box("mdia", box("mdhd", new byte[24]), hdlr(handler)));
  }

  static byte[] concat(byte[]... parts) {
    Bytes bytes = new Bytes();
    for (byte[] part : parts) {
      bytes.raw(part);
    }
    return bytes.toArray();
  }

  /** Big-endian byte writer. */
  static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int value) {
      out.write(value);
      return this;
    }

    Bytes u16(int value) {
      return u8(value >>> 8).u8(value);
    }

    Bytes u24(int value) {
      return u8(value >>> 16).u16(value & 0xFFFF);
    }

    Bytes u32(long value) {
      return u16((int) (value >>> 16) & 0xFFFF).u16((int) value & 0xFFFF);
    }

    Bytes u64(long value) {
      return u32(value >>> 32).u32(value & 0xFFFFFFFFL);
    }

    Bytes type(String fourCc) {
      return raw(fourCc.getBytes(StandardCharsets.ISO_8859_1));
    }

    Bytes zeros(int count) {
      return raw(new byte[count]);
    }

    Bytes raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    byte[] toArray() {
      return out.toByteArray();
    }
  }

  /**
   * A stream of {@code prefix}, then {@code gap} virtual zero bytes, then {@code suffix}; it counts
   * the bytes actually read so tests can prove the gap was skipped, not read.
   */
  static final class GapStream extends InputStream {
    private final byte[] prefix;
    private final long gap;
    private final byte[] suffix;
    private long position;
    long bytesRead;

    GapStream(byte[] prefix, long gap, byte[] suffix) {
      this.prefix = prefix;
      this.gap = gap;
      this.suffix = suffix;
    }

    long length() {
      return prefix.length + gap + suffix.length;
    }

    @Override
    public int read() {
      if (position >= length()) {
        return -1;
      }
      int value;
      if (position < prefix.length) {
        value = prefix[(int) position] & 0xFF;
      } else if (position < prefix.length + gap) {
        value = 0;
      } else {
        value = suffix[(int) (position - prefix.length - gap)] & 0xFF;
      }
      position++;
      bytesRead++;
      return value;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = Math.max(0, Math.min(n, length() - position));
      position += skipped;
      return skipped;
    }
  }
}
