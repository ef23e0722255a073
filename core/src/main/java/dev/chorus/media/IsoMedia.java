package dev.chorus.media;

import dev.chorus.model.MediaKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * ISO base media file format (MP4, MOV) probing: walks the box tree to {@code moov}, reading the
 * duration from {@code mvhd} and the picture size from the video track's {@code tkhd}. Media data
 * ({@code mdat}) is skipped, never read.
 */
final class IsoMedia {

  /** Box types that may open an ISO BMFF or QuickTime file. */
  private static final Set<String> FIRST_BOXES =
      Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "pnot");

  private static final long UNKNOWN_END = Long.MAX_VALUE;

  private IsoMedia() {}

  static boolean isIso(byte[] head) {
    if (head.length < 8) {
      return false;
    }
    String type = new String(head, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    return FIRST_BOXES.contains(type);
  }

  /** A box's type and the absolute offset where it ends. */
  private record Box(String type, long start, long end) {}

  private static final class Facts {
    String brand;
    Duration duration;
    Integer width;
    Integer height;
    boolean sawVideoHandler;
  }

  static MediaInfo probe(ProbeReader reader, Long byteSize) throws IOException {
    long fileEnd = byteSize == null ? UNKNOWN_END : byteSize;
    Facts facts = new Facts();
    boolean sawMoov = false;
    while (reader.position() < fileEnd) {
      if (reader.atEnd()) {
        if (fileEnd != UNKNOWN_END) {
          throw reader.corrupt(
              "truncated MP4/MOV: ended at offset " + reader.position() + " of " + fileEnd + " bytes");
        }
        break;
      }
      reader.step();
      Box box = header(reader, fileEnd);
      if (box.type.equals("ftyp")) {
        if (box.end - reader.position() >= 4) {
          facts.brand = reader.fourCc();
        }
      } else if (box.type.equals("moov")) {
        moov(reader, box, facts);
        sawMoov = true;
        break;
      }
      if (box.end == UNKNOWN_END) {
        break; // size 0: this box runs to the end of an unknown-length stream
      }
      reader.skipTo(box.end);
    }
    if (!sawMoov) {
      throw reader.corrupt("MP4/MOV has no 'moov' box");
    }
    String mimeType = "qt  ".equals(facts.brand) || facts.brand == null ? "video/quicktime" : "video/mp4";
    return new MediaInfo(
        mimeType, MediaKind.VIDEO, byteSize, facts.width, facts.height, facts.duration, false);
  }

  /** Reads a box header, resolving 64-bit {@code largesize} and size 0 (to the parent's end). */
  private static Box header(ProbeReader reader, long parentEnd) throws IOException {
    long start = reader.position();
    long size = reader.u32be();
    String type = reader.fourCc();
    long headerSize = 8;
    if (size == 1) {
      size = reader.u64be();
      headerSize = 16;
      if (size < 0) {
        throw reader.corrupt("box '" + ImageHeaders.printable(type) + "' at offset " + start + " has a size beyond 2^63");
      }
    } else if (size == 0) {
      return new Box(type, start, parentEnd);
    }
    if (size < headerSize) {
      throw reader.corrupt(
          "box '" + ImageHeaders.printable(type) + "' at offset " + start + " has invalid size " + size);
    }
    long end = start + size;
    if (end < 0 || end > parentEnd) {
      throw reader.corrupt(
          "box '" + ImageHeaders.printable(type) + "' at offset " + start + " claims " + size
              + " bytes, past the end of its container at " + parentEnd);
    }
    return new Box(type, start, end);
  }

  private static void moov(ProbeReader reader, Box moov, Facts facts) throws IOException {
    Integer fallbackWidth = null;
    Integer fallbackHeight = null;
    while (reader.position() < moov.end) {
      reader.step();
      Box child = header(reader, moov.end);
      if (child.type.equals("mvhd")) {
        facts.duration = mvhd(reader, child);
      } else if (child.type.equals("trak") && facts.width == null) {
        Track track = trak(reader, child);
        if (track.video && track.width != null) {
          facts.width = track.width;
          facts.height = track.height;
        } else if (!track.handlerKnown && fallbackWidth == null && track.width != null) {
          fallbackWidth = track.width;
          fallbackHeight = track.height;
        }
      }
      if (child.end == UNKNOWN_END) {
        return;
      }
      reader.skipTo(child.end);
    }
    if (facts.width == null) {
      facts.width = fallbackWidth;
      facts.height = fallbackHeight;
    }
  }

  private static Duration mvhd(ProbeReader reader, Box box) throws IOException {
    int version = reader.u8();
    reader.skip(3); // flags
    long timescale;
    long units;
    boolean unknown;
    if (version > 1) {
      throw reader.corrupt("'mvhd' has unknown version " + version);
    }
    require(reader, box, version == 1 ? 28 : 16);
    if (version == 1) {
      reader.skip(16); // creation and modification time
      timescale = reader.u32be();
      units = reader.u64be();
      unknown = units == -1L;
    } else if (version == 0) {
      reader.skip(8);
      timescale = reader.u32be();
      units = reader.u32be();
      unknown = units == 0xFFFFFFFFL;
    } else {
      throw reader.corrupt("'mvhd' has unknown version " + version);
    }
    checkInside(reader, box);
    if (timescale == 0) {
      throw reader.corrupt("'mvhd' has timescale 0");
    }
    return unknown ? null : MediaProbe.duration(units, timescale);
  }

  private record Track(boolean video, boolean handlerKnown, Integer width, Integer height) {}

  private static Track trak(ProbeReader reader, Box trak) throws IOException {
    Integer width = null;
    Integer height = null;
    String handler = null;
    while (reader.position() < trak.end) {
      reader.step();
      Box child = header(reader, trak.end);
      if (child.type.equals("tkhd")) {
        int[] size = tkhd(reader, child);
        if (size[0] > 0 && size[1] > 0) {
          width = size[0];
          height = size[1];
        }
      } else if (child.type.equals("mdia")) {
        handler = mdia(reader, child);
      }
      if (child.end == UNKNOWN_END) {
        break;
      }
      reader.skipTo(child.end);
    }
    return new Track("vide".equals(handler), handler != null, width, height);
  }

  /** Width and height in whole pixels from the 16.16 fixed-point fields. */
  private static int[] tkhd(ProbeReader reader, Box box) throws IOException {
    int version = reader.u8();
    reader.skip(3); // flags
    if (version > 1) {
      throw reader.corrupt("'tkhd' has unknown version " + version);
    }
    require(reader, box, (version == 1 ? 32 : 20) + 60);
    if (version == 1) {
      reader.skip(8 + 8 + 4 + 4 + 8); // creation, modification, track id, reserved, duration
    } else if (version == 0) {
      reader.skip(4 + 4 + 4 + 4 + 4);
    } else {
      throw reader.corrupt("'tkhd' has unknown version " + version);
    }
    reader.skip(8 + 2 + 2 + 2 + 2 + 36); // reserved, layer, group, volume, reserved, matrix
    long width = reader.u32be() >>> 16;
    long height = reader.u32be() >>> 16;
    checkInside(reader, box);
    return new int[] {(int) width, (int) height};
  }

  private static String mdia(ProbeReader reader, Box mdia) throws IOException {
    String handler = null;
    while (reader.position() < mdia.end) {
      reader.step();
      Box child = header(reader, mdia.end);
      if (child.type.equals("hdlr")) {
        require(reader, child, 12);
        reader.skip(4 + 4); // version and flags, pre_defined
        handler = reader.fourCc();
        checkInside(reader, child);
      }
      if (child.end == UNKNOWN_END) {
        break;
      }
      reader.skipTo(child.end);
    }
    return handler;
  }

  /** Fails unless {@code bytes} more bytes remain inside {@code box}. */
  private static void require(ProbeReader reader, Box box, long bytes) {
    if (box.end - reader.position() < bytes) {
      throw reader.corrupt(
          "'" + box.type + "' box at offset " + box.start + " is too short for its fields");
    }
  }

  private static void checkInside(ProbeReader reader, Box box) {
    if (reader.position() > box.end) {
      throw reader.corrupt(
          "'" + box.type + "' box at offset " + box.start + " is too short for its fields");
    }
  }
}
