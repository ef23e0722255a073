package dev.chorus.strategy.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.sandbox.Fault;
import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxOperation;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import dev.chorus.strategy.influencers.Component;
import dev.chorus.strategy.influencers.CreatorScore;
import dev.chorus.strategy.influencers.InfluencerEvaluator;
import dev.chorus.strategy.influencers.TargetAudience;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Listening and influencer evaluation through a real connector (the sandbox, created through the
 * registry like any plugin), not a test fake: the SPI's paging, counters and typed errors end to end.
 */
class ResearchOnSandboxTest {

  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final SocialAccount ME = new SocialAccount(AccountId.of("me"), WorkspaceId.of("ws"), Platform.SANDBOX,
      "@me", "me", ZoneId.of("UTC"), CredentialsRef.of("env:SANDBOX"));

  static Connector connector(SandboxPlatform sandbox) {
    return ConnectorRegistry.builder().register(new SandboxConnectorProvider()).build().create(Platform.SANDBOX,
        ConnectorContext.builder(CLOCK).extension(SandboxPlatform.class, sandbox).build(),
        Map.of(SandboxConnectorProvider.API_KEY, "test-key"));
  }

  @Test
  void listening_pages_through_the_sandbox_and_a_rate_limited_source_is_reported_not_thrown() {
    SandboxPlatform world = SandboxPlatform.builder(CLOCK).seed(7).build();
    // 4 accounts × 5 posts; post j of account i carries hashtags[(i + j) mod 2]:
    // #launch on (0,0) (0,2) (0,4) (1,1) (1,3) (2,0) (2,2) (2,4) (3,1) (3,3) = 10 posts, all within
    // the last 7 days (one every 7 d / 6 = 28 h, the oldest 140 h ago).
    world.simulatePublicAccounts(4, 5, List.of("launch", "chorus"));
    Instant retryAt = NOW.plus(Duration.ofMinutes(15));
    SandboxPlatform throttled = SandboxPlatform.builder(CLOCK).seed(8)
        .faultPlan(FaultPlan.custom().script(SandboxOperation.SEARCH_PUBLIC, Fault.rateLimited(retryAt, "rl-1")).build())
        .build();
    try (Connector worldConnector = connector(world); Connector throttledConnector = connector(throttled)) {
      ListeningResult result = Listening.builder(CLOCK).pageSize(3)
          .source(worldConnector, ME).source(throttledConnector, ME).build()
          .listen(List.of(SearchTerm.hashtag("launch")), Duration.ofDays(7));

      assertThat(result.posts()).hasSize(10);
      assertThat(result.posts()).allSatisfy(heard -> assertThat(heard.post().text()).contains("#launch"));
      // 10 posts in pages of 3: 3 + 3 + 3 + 1, four requests
      assertThat(world.requestCount(SandboxOperation.SEARCH_PUBLIC)).isEqualTo(4);
      PlatformPass ok = result.passes().get(0);
      assertThat(ok.status()).isEqualTo(PassStatus.COMPLETE);
      assertThat(ok.pages()).isEqualTo(4);
      PlatformPass limited = result.passes().get(1);
      assertThat(limited.status()).isEqualTo(PassStatus.RATE_LIMITED);
      assertThat(limited.retry()).contains(retryAt);
      assertThat(result.complete()).isFalse();
    }
  }

  @Test
  void an_influencer_is_scored_from_the_profile_the_connector_reads() {
    SandboxPlatform world = SandboxPlatform.builder(CLOCK).seed(7).build();
    world.simulatePublicAccounts(2, 6, List.of("launch"));
    try (Connector connector = connector(world)) {
      InfluencerEvaluator evaluator = InfluencerEvaluator.builder(CLOCK).build();
      CreatorScore score = evaluator.evaluate(connector, ME, "sim_1", new TargetAudience(Set.of("launch"), Set.of("en")));

      assertThat(world.requestCount(SandboxOperation.LOOKUP_PROFILE)).isEqualTo(1);
      PublicProfile profile = connector.lookupProfile(ME, "sim_1", 6);
      long followers = profile.counter(Metric.FOLLOWERS).orElseThrow();
      // reach = 100 × log10(followers) ÷ 7, capped at 100
      assertThat(score.component(Component.REACH).score().value())
          .isCloseTo(Math.min(100, 100 * Math.log10(followers) / 7), within(1e-9));
      // every post is tagged #launch and in English: full topic and language overlap
      assertThat(score.component(Component.RELEVANCE).score().value()).isCloseTo(100, within(1e-9));
      assertThat(score.overall().isDefined()).isTrue();
    }
  }
}
