package dev.chorus.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.json.ChorusJson;
import org.junit.jupiter.api.Test;

class CapabilitiesJsonTest {

  private final ChorusJson json = ChorusJson.create();

  @Test
  void capabilities_export_as_json_a_user_interface_can_read_and_round_trip() {
    Capabilities capabilities = TestConnectors.capabilities(Capability.PUBLISH, Capability.POLL);

    String text = json.toJson(capabilities);

    assertThat(text)
        .contains("\"features\":[\"PUBLISH\",\"POLL\"]")
        .contains("\"text\":{\"max\":280,\"rule\":\"X_WEIGHTED\",\"urlWeight\":0}")
        .contains("\"IMAGE\":{\"kind\":\"IMAGE\",\"maxCount\":4,\"maxBytes\":5000000")
        .contains("\"maxDuration\":\"PT2M20S\"")
        .contains("\"carouselMin\":2")
        .doesNotContain("firstCommentText"); // absent bounds are left out, not null
    assertThat(json.fromJson(text, Capabilities.class)).isEqualTo(capabilities);
  }

  @Test
  void config_spec_exports_without_any_secret_value() {
    ConfigSpec spec = new TestConnectors.Provider().configSpec();

    String text = json.toJson(spec);

    assertThat(text).contains("\"name\":\"api_key\"").contains("\"secret\":true")
        .contains("\"defaultValue\":\"https://api.acme.test\"");
    assertThat(json.fromJson(text, ConfigSpec.class)).isEqualTo(spec);
  }
}
