package dev.chorus.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConfigOption;
import dev.chorus.connector.ConfigSpec;
import dev.chorus.connector.ConfigType;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.TransportException;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphSettingsTest {

  private static final Map<String, Metric> TARGETS = Map.of("impressions", Metric.IMPRESSIONS, "reach", Metric.REACH);
  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional("baseUrl", ConfigType.URL, "https://graph.example", "host"),
      ConfigOption.optionalSecret("accessToken", "token"));

  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:30:00Z"));

  @Test
  void insightsPairsKeepOrderAndDropRetiredNames() {
    Map<Metric, String> mapping = GraphSettings.insightsMapping(Platform.FACEBOOK, "insightsMetrics",
        List.of("reach: post_reach ", "impressions:post_impressions"), TARGETS, name -> name.startsWith("post_imp"));
    assertThat(mapping).containsExactly(Map.entry(Metric.REACH, "post_reach"));
  }

  @Test
  void malformedOrUnknownPairsNameTheSettingAndThePair() {
    for (String bad : List.of("reach", ":post_reach", "likes:post_likes", "reach:Bad-Name", "reach:")) {
      assertThatThrownBy(() -> GraphSettings.insightsMapping(Platform.FACEBOOK, "insightsMetrics", List.of(bad),
          TARGETS, name -> false))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("insightsMetrics")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void versionMustLookLikeAGraphVersion() {
    assertThat(GraphSettings.apiVersion("apiVersion", "v21.0")).isEqualTo("v21.0");
    assertThatThrownBy(() -> GraphSettings.apiVersion("apiVersion", "21"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("apiVersion");
  }

  @Test
  void baseUrlLosesTrailingSlashes() {
    ConnectorConfig config = SPEC.validate("facebook", Map.of("baseUrl", "http://127.0.0.1:8080//"));
    assertThat(GraphSettings.baseUrl(config, "baseUrl")).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void credentialsComeFromTheContextThenTheFixedTokenElseAConfigError() {
    CredentialSource host = CredentialSource.fixed(AccessToken.of("host-token"));
    ConnectorConfig withToken = SPEC.validate("facebook", Map.of("accessToken", "fixed-token"));
    ConnectorConfig bare = SPEC.validate("facebook", Map.of());
    CredentialsRef ref = CredentialsRef.of("acct");

    assertThat(GraphSettings.credentials(Platform.FACEBOOK,
        ConnectorContext.builder(clock).extension(CredentialSource.class, host).build(), withToken, "accessToken"))
        .isSameAs(host);
    assertThat(GraphSettings.credentials(Platform.FACEBOOK, ConnectorContext.builder(clock).build(), withToken,
        "accessToken").accessToken(ref).value()).isEqualTo("fixed-token");
    assertThatThrownBy(() -> GraphSettings.credentials(Platform.INSTAGRAM, ConnectorContext.builder(clock).build(),
        bare, "accessToken"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("accessToken");
  }

  @Test
  void eachMetricAloneSkipsOnlyTheUnavailableOnesAndPropagatesOtherFailures() {
    Map<Metric, String> wanted = new LinkedHashMap<>();
    wanted.put(Metric.IMPRESSIONS, "views");
    wanted.put(Metric.REACH, "reach");
    List<String> asked = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    GraphSettings.askEachAlone(wanted, alone -> {
      asked.addAll(alone.values());
      if (alone.containsValue("views")) {
        throw new ContentRejectedException(Platform.FACEBOOK, 400, null, "invalid metric");
      }
    }, ContentRejectedException.class::isInstance, (name, failure) -> skipped.add(name));
    assertThat(asked).containsExactly("views", "reach");
    assertThat(skipped).containsExactly("views");

    assertThatThrownBy(() -> GraphSettings.askEachAlone(wanted, alone -> {
      throw new TransportException(Platform.FACEBOOK, "down", false, null);
    }, ContentRejectedException.class::isInstance, (name, failure) -> skipped.add(name)))
        .isInstanceOf(TransportException.class);
  }
}
