package dev.chorus.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSpecTest {

  private final ConfigSpec spec = ConfigSpec.of(
      ConfigOption.optional("base_url", ConfigType.URL, "https://api.example.test", "Base URL"),
      ConfigOption.required("client_id", ConfigType.STRING, "OAuth client id"),
      ConfigOption.secret("client_secret", "OAuth client secret"),
      ConfigOption.optional("timeout", ConfigType.DURATION, "PT10S", "Call timeout"),
      ConfigOption.optional("retries", ConfigType.INT, "3", "Retries"),
      ConfigOption.optional("verbose", ConfigType.BOOLEAN, "false", "Log more"),
      ConfigOption.optional("scopes", ConfigType.LIST, "a, b", "Scopes"));

  @Test
  void applies_defaults_and_types() {
    ConnectorConfig config = spec.validate("x", Map.of("client_id", "id", "client_secret", "s3cret"));

    assertThat(config.url("base_url")).isEqualTo(URI.create("https://api.example.test"));
    assertThat(config.duration("timeout")).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.integer("retries")).isEqualTo(3);
    assertThat(config.bool("verbose")).isFalse();
    assertThat(config.list("scopes")).isEqualTo(List.of("a", "b"));
    assertThat(config.secret("client_secret").reveal()).isEqualTo("s3cret");
  }

  @Test
  void lists_every_problem_and_never_echoes_a_secret() {
    assertThatThrownBy(() -> spec.validate("x", Map.of(
            "base_url", "ftp://nope", "timeout", "10 seconds", "verbose", "yes", "colour", "red")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "colour: unknown setting",
            "base_url: \"ftp://nope\" is not a valid URL",
            "client_id: is required (OAuth client id)",
            "client_secret: is required (OAuth client secret)",
            "timeout: \"10 seconds\" is not a valid DURATION",
            "verbose: \"yes\" is not a valid BOOLEAN"));
  }

  @Test
  void secrets_are_masked_in_to_string() {
    ConnectorConfig config = spec.validate("x", Map.of("client_id", "id", "client_secret", "CANARY-42"));

    assertThat(config.toString()).contains("client_id=id").contains("client_secret=***").doesNotContain("CANARY-42");
    assertThat(config.secret("client_secret").toString()).doesNotContain("CANARY-42");
  }

  @Test
  void reading_an_undeclared_or_mistyped_setting_is_a_typed_error() {
    ConnectorConfig config = spec.validate("x", Map.of("client_id", "id", "client_secret", "s"));

    assertThatThrownBy(() -> config.string("nope")).isInstanceOf(InvalidValueException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> config.integer("client_id")).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("config.client_id");
  }

  @Test
  void a_spec_cannot_declare_one_name_twice_or_a_required_default() {
    ConfigOption a = ConfigOption.required("a", ConfigType.STRING, "A");
    assertThatThrownBy(() -> ConfigSpec.of(a, a)).isInstanceOf(InvalidValueException.class).hasMessageContaining("declared twice");
    assertThatThrownBy(() -> new ConfigOption("b", ConfigType.INT, "1", true, false, "B"))
        .isInstanceOf(InvalidValueException.class);
  }
}
