package dev.chorus.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.chorus.connector.TextLimit;
import dev.chorus.text.CountingRule;
import dev.chorus.text.TextRules;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The texts and the environment the rules are built from. */
class TckFixturesTest {

  private static int count(TextLimit limit, String text) {
    return limit.rule() == CountingRule.MASTODON
        ? TextRules.mastodon(limit.urlWeight()).count(text)
        : TextRules.count(limit.rule(), text);
  }

  @ParameterizedTest
  @EnumSource(CountingRule.class)
  void texts_sit_exactly_at_and_just_over_the_limit_by_each_counting_rule(CountingRule rule) {
    for (int max : new int[] {1, 2, 7, 280, 500}) {
      TextLimit limit = TextLimit.of(max, rule);
      assertThat(count(limit, ConnectorVerification.textAtLimit(limit))).as(rule + " at " + max).isEqualTo(max);
      String over = ConnectorVerification.textOverLimit(limit);
      assertThat(count(limit, over)).as(rule + " over " + max).isGreaterThan(max);
    }
  }

  @Test
  void over_limit_texts_fit_by_string_length_where_the_rule_counts_heavier() {
    for (CountingRule rule : new CountingRule[] {CountingRule.X_WEIGHTED, CountingRule.UTF8_BYTES}) {
      TextLimit limit = TextLimit.of(280, rule);
      assertThat(ConnectorVerification.textOverLimit(limit).length()).as(rule.name()).isLessThanOrEqualTo(280);
    }
    TextLimit graphemes = TextLimit.of(100, CountingRule.GRAPHEMES);
    assertThat(ConnectorVerification.textAtLimit(graphemes).length()).isGreaterThan(100);
  }

  @Test
  void the_environment_waits_on_its_clock_and_resets_between_rules() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    try {
      DefaultTckEnvironment env = new DefaultTckEnvironment(server);
      assertThat(env.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + server.port());
      assertThat(env.clock().instant()).isEqualTo(DefaultTckEnvironment.START);
      env.sleep(Duration.ofSeconds(30));
      env.sleep(Duration.ofSeconds(-5));
      assertThat(env.clock().instant()).isEqualTo(DefaultTckEnvironment.START.plusSeconds(30));
      assertThat(env.waits()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(-5));
      assertThat(env.toString()).doesNotContain(env.canarySecret());
      assertThat(env.canarySecret()).startsWith("tck-canary-").isNotEqualTo(new DefaultTckEnvironment(server).canarySecret());
      env.reset();
      assertThat(env.clock().instant()).isEqualTo(DefaultTckEnvironment.START);
      assertThat(env.waits()).isEmpty();
    } finally {
      server.stop();
    }
  }
}
