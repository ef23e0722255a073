package dev.chorus.connector.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.tck.ResponseFuzzing;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Mangled Instagram responses to publish, metrics and interactions give results or ConnectorExceptions only. */
class InstagramResponseFuzzTest {

  private static ResponseFuzzing platform;

  @BeforeContainer
  static void start() {
    platform = ResponseFuzzing.start();
  }

  @AfterContainer
  static void stop() {
    platform.close();
  }

  @Property(tries = 20, seed = "20261130")
  void mangled_responses_give_results_or_connector_exceptions(
      @ForAll ResponseFuzzing.Operation operation, @ForAll long seed) {
    platform.run(new InstagramTckTest(), operation, seed)
        .ifPresent(error -> assertThat(error.getMessage()).isNotBlank());
  }
}
