package dev.chorus.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Damages JSON documents for fuzz tests: drops, duplicates or retypes values, cuts, splices in noise. */
public final class JsonMutations {

  private JsonMutations() {}

  /** Structural and textual damage: drop, duplicate or retype a value, cut, or splice in noise. */
  public static String mutate(String document, Random random) {
    String text = document;
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      List<int[]> values = valueSpans(text);
      int kind = random.nextInt(6);
      if (values.isEmpty() || text.length() < 2) {
        return text + "}";
      }
      int[] span = values.get(random.nextInt(values.size()));
      String value = text.substring(span[0], span[1]);
      text = switch (kind) {
        case 0 -> text.substring(0, span[0]) + retype(value, random) + text.substring(span[1]);
        case 1 -> text.substring(0, span[0]) + "null" + text.substring(span[1]);
        case 2 -> text.substring(0, span[1]) + ", \"dup\": " + value + text.substring(span[1]);
        case 3 -> dropField(text, span);
        case 4 -> text.substring(0, random.nextInt(text.length()));
        default -> {
          int at = random.nextInt(text.length());
          yield text.substring(0, at) + "\"" + (char) random.nextInt(0x3000) + text.substring(at);
        }
      };
    }
    return text;
  }

  private static String retype(String value, Random random) {
    String[] others = {"\"\"", "0", "-7", "1e999", "true", "[]", "{}", "[" + value + "]", "\"" + value.replace("\"", "") + "\"",
        "{\"v\":" + value + "}", "99999999999999999999999999"};
    return others[random.nextInt(others.length)];
  }

  /** Removes {@code "name": value} and one adjacent comma, keeping the rest intact. */
  private static String dropField(String text, int[] span) {
    int colon = text.lastIndexOf(':', span[0]);
    int nameStart = colon < 0 ? -1 : text.lastIndexOf('"', text.lastIndexOf('"', colon) - 1);
    if (nameStart < 0) {
      return text.substring(0, span[0]) + text.substring(span[1]);
    }
    int end = span[1];
    while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    if (end < text.length() && text.charAt(end) == ',') {
      end++;
    }
    return text.substring(0, nameStart) + text.substring(end);
  }

  /** Spans of scalar values that follow a colon: strings, numbers, literals. */
  private static List<int[]> valueSpans(String text) {
    List<int[]> spans = new ArrayList<>();
    for (int i = text.indexOf(':'); i >= 0 && i < text.length() - 1; i = text.indexOf(':', i + 1)) {
      int start = i + 1;
      while (start < text.length() && text.charAt(start) == ' ') {
        start++;
      }
      if (start >= text.length()) {
        break;
      }
      int end = start;
      if (text.charAt(start) == '"') {
        end = start + 1;
        while (end < text.length() && text.charAt(end) != '"') {
          end += text.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(end + 1, text.length());
      } else {
        while (end < text.length() && ",}]\n ".indexOf(text.charAt(end)) < 0) {
          end++;
        }
      }
      if (end > start) {
        spans.add(new int[] {start, end});
      }
    }
    return spans;
  }
}
