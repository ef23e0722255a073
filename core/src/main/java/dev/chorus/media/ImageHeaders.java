package dev.chorus.media;

import dev.chorus.model.MediaKind;
import java.io.IOException;

/** Header parsers for PNG, JPEG, GIF and WebP. */
final class ImageHeaders {

  private static final byte[] PNG_SIGNATURE = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
  };

  private ImageHeaders() {}

  static boolean isPng(byte[] head) {
    return startsWith(head, PNG_SIGNATURE, 0);
  }

  static boolean isJpeg(byte[] head) {
    return head.length >= 3
        && (head[0] & 0xFF) == 0xFF
        && (head[1] & 0xFF) == 0xD8
        && (head[2] & 0xFF) == 0xFF;
  }

  static boolean isGif(byte[] head) {
    return startsWith(head, "GIF87a".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0)
        || startsWith(head, "GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
  }

  static boolean isWebp(byte[] head) {
    return startsWith(head, new byte[] {'R', 'I', 'F', 'F'}, 0)
        && startsWith(head, new byte[] {'W', 'E', 'B', 'P'}, 8);
  }

  static MediaInfo png(ProbeReader reader, Long byteSize) throws IOException {
    reader.skip(PNG_SIGNATURE.length);
    long chunkLength = reader.u32be();
    String type = reader.fourCc();
    if (!type.equals("IHDR") || chunkLength < 8) {
      throw reader.corrupt("PNG does not start with an IHDR chunk (found '" + printable(type) + "')");
    }
    int width = dimension(reader, "PNG width", reader.u32be());
    int height = dimension(reader, "PNG height", reader.u32be());
    return new MediaInfo("image/png", MediaKind.IMAGE, byteSize, width, height, null, false);
  }

  static MediaInfo jpeg(ProbeReader reader, Long byteSize) throws IOException {
    reader.skip(2); // SOI
    while (true) {
      reader.step();
      int marker = reader.u8();
      if (marker != 0xFF) {
        throw reader.corrupt(
            "JPEG marker expected at offset " + (reader.position() - 1) + ", found 0x" + hex(marker));
      }
      int code = reader.u8();
      while (code == 0xFF) { // fill bytes before a marker
        reader.step();
        code = reader.u8();
      }
      if (code == 0xD8 || code == 0x01 || (code >= 0xD0 && code <= 0xD7)) {
        continue; // markers without a length
      }
      if (code == 0xD9 || code == 0xDA) {
        throw reader.corrupt("JPEG has no frame header (SOF) before its image data");
      }
      int length = reader.u16be();
      if (length < 2) {
        throw reader.corrupt("JPEG segment 0x" + hex(code) + " has invalid length " + length);
      }
      if (isStartOfFrame(code)) {
        if (length < 7) {
          throw reader.corrupt("JPEG frame header too short (" + length + " bytes)");
        }
        reader.skip(1); // sample precision
        int height = reader.u16be();
        int width = reader.u16be();
        if (width == 0) {
          throw reader.corrupt("JPEG frame header has width 0");
        }
        // Height 0 means it is defined later by a DNL marker: leave it unknown.
        return new MediaInfo(
            "image/jpeg", MediaKind.IMAGE, byteSize, width, height == 0 ? null : height, null, false);
      }
      reader.skip(length - 2L);
    }
  }

  private static boolean isStartOfFrame(int code) {
    return code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC;
  }

  static MediaInfo gif(ProbeReader reader, Long byteSize) throws IOException {
    reader.skip(6);
    int width = reader.u16le();
    int height = reader.u16le();
    int packed = reader.u8();
    reader.skip(2); // background colour, aspect ratio
    if ((packed & 0x80) != 0) {
      reader.skip(3L * (1 << ((packed & 0x07) + 1)));
    }
    int frames = 0;
    scan:
    while (frames < 2) {
      reader.step();
      int block = reader.u8();
      switch (block) {
        case 0x2C: // image descriptor
          frames++;
          if (frames > 1) {
            break scan;
          }
          reader.skip(8);
          int localPacked = reader.u8();
          if ((localPacked & 0x80) != 0) {
            reader.skip(3L * (1 << ((localPacked & 0x07) + 1)));
          }
          reader.skip(1); // LZW minimum code size
          skipSubBlocks(reader);
          break;
        case 0x21: // extension
          reader.skip(1);
          skipSubBlocks(reader);
          break;
        case 0x3B: // trailer
          break scan;
        default:
          throw reader.corrupt(
              "unexpected GIF block 0x" + hex(block) + " at offset " + (reader.position() - 1));
      }
    }
    if (frames == 0) {
      throw reader.corrupt("GIF has no image");
    }
    boolean animated = frames > 1;
    return new MediaInfo(
        "image/gif",
        animated ? MediaKind.GIF : MediaKind.IMAGE,
        byteSize,
        positiveOrCorrupt(reader, "GIF width", width),
        positiveOrCorrupt(reader, "GIF height", height),
        null,
        animated);
  }

  private static void skipSubBlocks(ProbeReader reader) throws IOException {
    while (true) {
      reader.step();
      int size = reader.u8();
      if (size == 0) {
        return;
      }
      reader.skip(size);
    }
  }

  static MediaInfo webp(ProbeReader reader, Long byteSize) throws IOException {
    reader.skip(12); // RIFF, size, WEBP
    String chunk = reader.fourCc();
    reader.skip(4); // chunk size
    int width;
    int height;
    boolean animated = false;
    switch (chunk) {
      case "VP8 ":
        reader.skip(3); // frame tag
        if (reader.u8() != 0x9D || reader.u8() != 0x01 || reader.u8() != 0x2A) {
          throw reader.corrupt("WebP VP8 frame lacks its start code");
        }
        width = reader.u16le() & 0x3FFF;
        height = reader.u16le() & 0x3FFF;
        break;
      case "VP8L":
        if (reader.u8() != 0x2F) {
          throw reader.corrupt("WebP VP8L chunk lacks its signature byte");
        }
        long bits = reader.u32le();
        width = (int) (bits & 0x3FFF) + 1;
        height = (int) ((bits >>> 14) & 0x3FFF) + 1;
        break;
      case "VP8X":
        int flags = reader.u8();
        animated = (flags & 0x02) != 0;
        reader.skip(3);
        width = reader.u24le() + 1;
        height = reader.u24le() + 1;
        break;
      default:
        throw reader.corrupt("unknown WebP chunk '" + printable(chunk) + "'");
    }
    return new MediaInfo(
        "image/webp",
        MediaKind.IMAGE,
        byteSize,
        positiveOrCorrupt(reader, "WebP width", width),
        positiveOrCorrupt(reader, "WebP height", height),
        null,
        animated);
  }

  private static int dimension(ProbeReader reader, String what, long value) {
    if (value <= 0 || value > Integer.MAX_VALUE) {
      throw reader.corrupt(what + " is " + value);
    }
    return (int) value;
  }

  private static int positiveOrCorrupt(ProbeReader reader, String what, int value) {
    return dimension(reader, what, value);
  }

  private static boolean startsWith(byte[] data, byte[] prefix, int offset) {
    if (data.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static String printable(String fourCc) {
    StringBuilder text = new StringBuilder(4);
    for (char c : fourCc.toCharArray()) {
      text.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return text.toString();
  }

  private static String hex(int value) {
    return String.format("%02X", value);
  }
}
