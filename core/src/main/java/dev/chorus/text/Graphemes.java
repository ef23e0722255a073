package dev.chorus.text;

import java.util.Arrays;

/**
 * Counts extended grapheme clusters by the rules of UAX #29 that matter for social text: CR LF,
 * controls, Hangul syllables, Extend and SpacingMark, Prepend, emoji ZWJ sequences and
 * regional-indicator pairs. {@link java.text.BreakIterator} on Java 17 splits ZWJ sequences, flags
 * and skin-tone modifiers, which is why this exists. The Unicode 15.1 Indic conjunct rule (GB9c)
 * is not applied; it only affects a few Indic consonant clusters.
 */
final class Graphemes {

  private static final int OTHER = 0;
  private static final int CR = 1;
  private static final int LF = 2;
  private static final int CONTROL = 3;
  private static final int EXTEND = 4;
  private static final int ZWJ = 5;
  private static final int REGIONAL_INDICATOR = 6;
  private static final int PREPEND = 7;
  private static final int SPACING_MARK = 8;
  private static final int L = 9;
  private static final int V = 10;
  private static final int T = 11;
  private static final int LV = 12;
  private static final int LVT = 13;

  /**
   * Extended_Pictographic from Unicode's emoji-data.txt as sorted inclusive ranges; Java 17 has no
   * property for it (Character.isExtendedPictographic arrived in Java 21).
   */
  private static final int[] PICTOGRAPHIC = {
    0x00A9, 0x00A9, 0x00AE, 0x00AE, 0x203C, 0x203C, 0x2049, 0x2049, 0x2122, 0x2122,
    0x2139, 0x2139, 0x2194, 0x2199, 0x21A9, 0x21AA, 0x231A, 0x231B, 0x2328, 0x2328,
    0x2388, 0x2388, 0x23CF, 0x23CF, 0x23E9, 0x23F3, 0x23F8, 0x23FA, 0x24C2, 0x24C2,
    0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0, 0x25FB, 0x25FE, 0x2600, 0x2605,
    0x2607, 0x2612, 0x2614, 0x2685, 0x2690, 0x2705, 0x2708, 0x2712, 0x2714, 0x2714,
    0x2716, 0x2716, 0x271D, 0x271D, 0x2721, 0x2721, 0x2728, 0x2728, 0x2733, 0x2734,
    0x2744, 0x2744, 0x2747, 0x2747, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755,
    0x2757, 0x2757, 0x2763, 0x2767, 0x2795, 0x2797, 0x27A1, 0x27A1, 0x27B0, 0x27B0,
    0x27BF, 0x27BF, 0x2934, 0x2935, 0x2B05, 0x2B07, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50,
    0x2B55, 0x2B55, 0x3030, 0x3030, 0x303D, 0x303D, 0x3297, 0x3297, 0x3299, 0x3299,
    0x1F000, 0x1F0FF, 0x1F10D, 0x1F10F, 0x1F12F, 0x1F12F, 0x1F16C, 0x1F171, 0x1F17E, 0x1F17F,
    0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F1AD, 0x1F1E5, 0x1F201, 0x1F20F, 0x1F21A, 0x1F21A,
    0x1F22F, 0x1F22F, 0x1F232, 0x1F23A, 0x1F23C, 0x1F23F, 0x1F249, 0x1F3FA, 0x1F400, 0x1F53D,
    0x1F546, 0x1F64F, 0x1F680, 0x1F6FF, 0x1F774, 0x1F77F, 0x1F7D5, 0x1F7FF, 0x1F80C, 0x1F80F,
    0x1F848, 0x1F84F, 0x1F85A, 0x1F85F, 0x1F888, 0x1F88F, 0x1F8AE, 0x1F8FF, 0x1F90C, 0x1F93A,
    0x1F93C, 0x1F945, 0x1F947, 0x1FAFF, 0x1FC00, 0x1FFFD
  };

  /** Prepended_Concatenation_Mark and the other Prepend characters, as inclusive ranges. */
  private static final int[] PREPENDS = {
    0x0600, 0x0605, 0x06DD, 0x06DD, 0x070F, 0x070F, 0x0890, 0x0891, 0x08E2, 0x08E2,
    0x0D4E, 0x0D4E, 0x110BD, 0x110BD, 0x110CD, 0x110CD, 0x111C2, 0x111C3
  };

  private Graphemes() {}

  /** The number of extended grapheme clusters in {@code text}. */
  static int count(CharSequence text) {
    int length = text.length();
    int count = 0;
    int previous = -1;
    // 0: outside an emoji sequence; 1: after ExtPict Extend*; 2: after ExtPict Extend* ZWJ.
    int pictographState = 0;
    int regionalRun = 0;
    int index = 0;
    while (index < length) {
      int codePoint = Character.codePointAt(text, index);
      index += Character.charCount(codePoint);
      int category = category(codePoint);
      boolean pictographic = isPictographic(codePoint);
      if (previous < 0
          || isBoundary(previous, category, pictographState == 2 && pictographic, regionalRun)) {
        count++;
      }
      if (pictographic) {
        pictographState = 1;
      } else if (pictographState == 1 && category == EXTEND) {
        pictographState = 1;
      } else if (pictographState == 1 && category == ZWJ) {
        pictographState = 2;
      } else {
        pictographState = 0;
      }
      regionalRun = category == REGIONAL_INDICATOR ? regionalRun + 1 : 0;
      previous = category;
    }
    return count;
  }

  private static boolean isBoundary(
      int previous, int current, boolean joinsEmojiSequence, int regionalRun) {
    if (previous == CR && current == LF) {
      return false; // GB3
    }
    if (previous == CR || previous == LF || previous == CONTROL) {
      return true; // GB4
    }
    if (current == CR || current == LF || current == CONTROL) {
      return true; // GB5
    }
    if (previous == L && (current == L || current == V || current == LV || current == LVT)) {
      return false; // GB6
    }
    if ((previous == LV || previous == V) && (current == V || current == T)) {
      return false; // GB7
    }
    if ((previous == LVT || previous == T) && current == T) {
      return false; // GB8
    }
    if (current == EXTEND || current == ZWJ || current == SPACING_MARK) {
      return false; // GB9, GB9a
    }
    if (previous == PREPEND) {
      return false; // GB9b
    }
    if (previous == ZWJ && joinsEmojiSequence) {
      return false; // GB11
    }
    if (previous == REGIONAL_INDICATOR && current == REGIONAL_INDICATOR) {
      return regionalRun % 2 == 0; // GB12, GB13: pair flags, never three in one cluster
    }
    return true; // GB999
  }

  private static int category(int codePoint) {
    if (codePoint == '\r') {
      return CR;
    }
    if (codePoint == '\n') {
      return LF;
    }
    if (codePoint == 0x200D) {
      return ZWJ;
    }
    if (codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF) {
      return REGIONAL_INDICATOR;
    }
    if (codePoint == 0x200C
        || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF) // emoji modifiers (skin tones)
        || (codePoint >= 0xE0020 && codePoint <= 0xE007F) // tag characters of subdivision flags
        || codePoint == 0xFF9E
        || codePoint == 0xFF9F) {
      return EXTEND;
    }
    int hangul = hangul(codePoint);
    if (hangul != OTHER) {
      return hangul;
    }
    if (inRanges(PREPENDS, codePoint)) {
      return PREPEND;
    }
    switch (Character.getType(codePoint)) {
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
        return EXTEND;
      case Character.COMBINING_SPACING_MARK:
        return SPACING_MARK;
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE:
        return CONTROL;
      default:
        return OTHER;
    }
  }

  private static int hangul(int codePoint) {
    if ((codePoint >= 0x1100 && codePoint <= 0x115F) || (codePoint >= 0xA960 && codePoint <= 0xA97C)) {
      return L;
    }
    if ((codePoint >= 0x1160 && codePoint <= 0x11A7) || (codePoint >= 0xD7B0 && codePoint <= 0xD7C6)) {
      return V;
    }
    if ((codePoint >= 0x11A8 && codePoint <= 0x11FF) || (codePoint >= 0xD7CB && codePoint <= 0xD7FB)) {
      return T;
    }
    if (codePoint >= 0xAC00 && codePoint <= 0xD7A3) {
      return (codePoint - 0xAC00) % 28 == 0 ? LV : LVT;
    }
    return OTHER;
  }

  private static boolean isPictographic(int codePoint) {
    return codePoint >= 0xA9 && inRanges(PICTOGRAPHIC, codePoint);
  }

  private static boolean inRanges(int[] ranges, int codePoint) {
    // Binary search over range starts (even indices).
    int low = 0;
    int high = ranges.length / 2 - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (codePoint < ranges[2 * mid]) {
        high = mid - 1;
      } else if (codePoint > ranges[2 * mid + 1]) {
        low = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  static boolean sorted() {
    int[] copy = PICTOGRAPHIC.clone();
    Arrays.sort(copy);
    return Arrays.equals(copy, PICTOGRAPHIC);
  }
}
