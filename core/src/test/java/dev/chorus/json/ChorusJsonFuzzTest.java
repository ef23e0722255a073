package dev.chorus.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.ChorusException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    String mutated = JsonMutations.mutate(GoldenFileTest.readGolden(golden.file()), new Random(mutationSeed));
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
}
