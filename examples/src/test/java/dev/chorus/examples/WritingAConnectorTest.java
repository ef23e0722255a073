package dev.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WritingAConnectorTest {

  @Test
  void the_provider_is_discovered_and_prints_its_declaration() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WritingAConnector.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("Discovered PigeonProvider for platform pigeon")
        .contains("features [PUBLISH], formats [FEED]")
        .contains("text up to 280 GRAPHEMES")
        .contains("setting token (required) (secret)")
        .contains("setting base_url (required)");
  }
}
