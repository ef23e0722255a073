package dev.chorus.connector.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.tck.ResponseFuzzing;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Mangled TikTok responses to publish, metrics and interactions give results or ConnectorExceptions only. */
class TikTokResponseFuzzTest {

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
    platform.run(new TikTokTckTest(), operation, seed)
        .ifPresent(error -> assertThat(error.getMessage()).isNotBlank());
  }

  @Example
  void creator_info_without_privacy_levels_is_a_platform_error_not_a_bad_request() {
    // Found with mangle seed 2: the damaged creator_info answer listed no privacy level, and publish
    // threw InvalidValueException blaming the configured privacy level.
    assertThat(platform.run(new TikTokTckTest(), ResponseFuzzing.Operation.PUBLISH, 2))
        .hasValueSatisfying(error -> assertThat(error).isInstanceOf(PlatformUnavailableException.class));
  }
}
