package dev.chorus.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire form: each model type's fixed sample must serialise to exactly its golden file in
 * {@code src/test/resources/golden/} and read back equal to the sample.
 *
 * <p>After an intended change of the wire form, regenerate the files with {@code mvn -pl core test
 * -Dtest=GoldenFileTest -Dchorus.golden.update=true}, review the diff, and update {@code
 * docs/json.md}.
 */
class GoldenFileTest {

  private static final boolean UPDATE = Boolean.getBoolean("chorus.golden.update");
  private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "golden");

  private final ChorusJson json = ChorusJson.create();

  static List<Samples.Golden<?>> goldens() {
    return Samples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void writes_sample_exactly_as_golden_file(Samples.Golden<?> golden) throws IOException {
    String actual = normalise(json.toPrettyJson(golden.sample()));
    if (UPDATE) {
      Files.createDirectories(SOURCE_DIR);
      Files.writeString(SOURCE_DIR.resolve(golden.file()), actual, StandardCharsets.UTF_8);
    }
    String expected = normalise(readGolden(golden.file()));
    // Text comparison, not tree comparison: property order is part of the wire form.
    assertThat(actual)
        .as(
            "%s differs from golden/%s; if the change is intended, rerun with -Dchorus.golden.update=true",
            golden.type().getSimpleName(), golden.file())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void reads_golden_file_back_to_an_equal_sample(Samples.Golden<?> golden) throws IOException {
    Object read = json.fromJson(readGolden(golden.file()), golden.type());

    assertThat(read).isInstanceOf(golden.type()).isEqualTo(golden.sample());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void round_trips_compact_bytes(Samples.Golden<?> golden) {
    byte[] bytes = json.toJsonBytes(golden.sample());

    assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\n").doesNotContain("null");
    assertThat(json.fromJson(bytes, golden.type())).isEqualTo(golden.sample());
  }

  static String readGolden(String file) throws IOException {
    if (UPDATE) {
      return Files.readString(SOURCE_DIR.resolve(file), StandardCharsets.UTF_8);
    }
    try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/" + file)) {
      assertThat(in).as("golden file %s is missing; create it with -Dchorus.golden.update=true", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String normalise(String text) {
    return text.replace("\r\n", "\n").strip() + "\n";
  }
}
