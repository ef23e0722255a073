package dev.chorus.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.ChorusException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes {@link ChorusJson#fromJson}: whatever the document, reading it gives a model value or a
 * {@link ChorusException} (a model rule's {@code InvalidValueException} or a {@link
 * JsonFormatException}), never a raw Jackson, number-format, index or stack-overflow error.
 */
class ChorusJsonFuzzTest {

  private static final ChorusJson JSON = ChorusJson.create();
  private static final List<Samples.Golden<?>> GOLDENS = Samples.all();

  @Property(tries = 200, seed = "20261123")
  void random_text_reads_to_a_value_or_a_chorus_exception(
      @ForAll("goldenIndex") int index, @ForAll("jsonish") String text) {
    assertOnlyTyped(GOLDENS.get(index).type(), text);
  }

  @Property(tries = 300, seed = "20261124")
  void mutated_golden_documents_read_to_a_value_or_a_chorus_exception(
      @ForAll("goldenIndex") int index, @ForAll long mutationSeed) throws IOException {
    Samples.Golden<?> golden = GOLDENS.get(index);
    String mutated = mutate(GoldenFileTest.readGolden(golden.file()), new Random(mutationSeed));
    assertOnlyTyped(golden.type(), mutated);
  }

  @Property(tries = 60, seed = "20261125")
  void mutated_bytes_read_to_a_value_or_a_chorus_exception(
      @ForAll("goldenIndex") int index, @ForAll long mutationSeed) throws IOException {
    Samples.Golden<?> golden = GOLDENS.get(index);
    byte[] bytes = GoldenFileTest.readGolden(golden.file()).getBytes(StandardCharsets.UTF_8);
    Random random = new Random(mutationSeed);
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    try {
      assertThat(JSON.fromJson(bytes, golden.type())).isInstanceOf(golden.type());
    } catch (ChorusException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Example
  void deep_nesting_is_a_json_format_exception_not_a_stack_overflow() {
    // 100,000 nested arrays: far past Jackson's default depth limit of 1,000.
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    for (Samples.Golden<?> golden : GOLDENS) {
      assertThatThrownBy(() -> JSON.fromJson(deep, golden.type())).isInstanceOf(ChorusException.class);
      String deepField = "{\"a\":" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_001);
      assertThatThrownBy(() -> JSON.fromJson(deepField, golden.type())).isInstanceOf(ChorusException.class);
    }
  }

  @Example
  void huge_numbers_in_every_numeric_position_are_values_or_chorus_exceptions() throws IOException {
    String[] huge = {"1" + "0".repeat(400), "-1e999999", "1e-999999", "9".repeat(2_000), "NaN", "0x10", "1.5e400"};
    for (Samples.Golden<?> golden : GOLDENS) {
      String document = GoldenFileTest.readGolden(golden.file());
      for (String number : huge) {
        assertOnlyTyped(golden.type(), document.replaceAll("(?<=[:\\[,]\\s{0,8})-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?", number));
        assertOnlyTyped(golden.type(), document.replaceAll("\"(\\d{4}-\\d\\d-\\d\\dT[^\"]*)\"", number));
      }
    }
  }

  private static void assertOnlyTyped(Class<?> type, String text) {
    try {
      assertThat(JSON.fromJson(text, type)).isInstanceOf(type);
    } catch (ChorusException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Integer> goldenIndex() {
    return Arbitraries.integers().between(0, GOLDENS.size() - 1);
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\"id\"", "\"type\"", "null",
        "true", "false", "0", "-1", "1e309", "12345678901234567890123", "\"2026-03-01T09:00:00Z\"", "\"PT5M\"",
        "\"EUR\"", "\"\\u0000\"", "\"\\ud800\"", " ", "\"text\"", "\"value\"", "\"x\"", "[]", "{}", "-", ".", "\\");
    Arbitrary<String> tokens = token.list().ofMaxSize(40).map(list -> String.join("", list));
    return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(60));
  }

  /** Structural and textual damage: drop, duplicate or retype a value, cut, or splice in noise. */
  static String mutate(String document, Random random) {
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
