package dev.chorus.strategy.influencers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.KpiValue;
import dev.chorus.connector.Capability;
import dev.chorus.connector.UnsupportedCapabilityException;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class InfluencerEvaluatorTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Duration DAY = Duration.ofDays(1);
  static final Offset<Double> EPS = within(1e-3);
  static final SocialAccount ACCOUNT = new SocialAccount(AccountId.of("a"), WorkspaceId.of("ws"), Platform.X,
      "@brand", "1", ZoneOffset.UTC, CredentialsRef.of("cred"));
  static final TargetAudience RUNNERS = new TargetAudience(Set.of("running", "trail", "marathon", "nutrition"),
      Set.of("en"));

  final InfluencerEvaluator evaluator = InfluencerEvaluator.builder(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  static PublicPost post(String handle, int n, String text, String language, long likes, long comments, long shares) {
    return new PublicPost(Platform.X, handle + "-" + n, handle + "-id", handle, text, NOW.minus(DAY.multipliedBy(n)),
        language, null, NOW, Map.of(Metric.LIKES, likes, Metric.COMMENTS, comments, Metric.SHARES, shares));
  }

  static PublicProfile profile(String handle, String bio, Instant at, long followers, long following,
      List<PublicPost> posts) {
    return new PublicProfile(Platform.X, handle + "-id", handle, null, bio, null, at,
        Map.of(Metric.FOLLOWERS, followers, Metric.FOLLOWING, following), posts);
  }

  /** Micro tier (20,000 followers), steady engagement, 3 of 4 posts in English. */
  static PublicProfile alice() {
    return profile("alice", "Trail running coach in the Alps", NOW, 20_000, 300, List.of(
        post("alice", 1, "Long run today #marathon", "en", 350, 30, 20), // 400
        post("alice", 2, "Hill repeats", "en", 450, 30, 20), // 500
        post("alice", 3, "Race recap", "en", 540, 40, 20), // 600
        post("alice", 4, "Carrera de montaña", "es", 450, 30, 20))); // 500
  }

  /** Nano tier (5,000 followers), engagement exactly at the tier's expected 4%. */
  static PublicProfile bob() {
    return profile("bob", "Nutrition for runners", NOW, 5_000, 400, List.of(
        post("bob", 1, "Pre-race meals", "en", 280, 20, 0), // 300
        post("bob", 2, "Hydration basics", "en-GB", 90, 10, 0), // 100
        post("bob", 3, "Marathon fueling #running", "en", 180, 20, 0))); // 200
  }

  /** Mid tier (200,000 followers) reached through a 49,500-follower jump, engagement far below the tier. */
  static List<PublicProfile> carlReadings() {
    List<PublicPost> posts = List.of(
        post("carl", 1, "Morning run #running", "en", 280, 20, 0), // 300
        post("carl", 2, "Gym", "en", 190, 10, 0), // 200
        post("carl", 3, "Shoes", "en", 240, 10, 0), // 250
        post("carl", 4, "Trail day #trail", "en", 240, 10, 0)); // 250
    long[] followers = {150_000, 150_100, 150_200, 150_300, 199_800, 200_000};
    List<PublicProfile> readings = new ArrayList<>();
    for (int day = 0; day < followers.length; day++) {
      readings.add(profile("carl", "Running lifestyle", NOW.minus(DAY.multipliedBy(5 - day)), followers[day], 180_000,
          posts));
    }
    return readings;
  }

  @Test
  void scores_a_steady_micro_creator_with_every_formula_input() {
    CreatorScore s = evaluator.score(alice(), RUNNERS, List.of(new FollowerSnapshot(NOW.minus(Duration.ofDays(30)),
        19_000)));

    // Topic: trail, running (bio) and marathon (#marathon) of 4 keywords = 0.75; language: 3 of 4 posts en = 0.75.
    // 100 × 0.75 × 0.75 = 56.25
    assertThat(s.component(Component.RELEVANCE).score().value()).isCloseTo(56.25, EPS);
    assertThat(s.component(Component.RELEVANCE).inputs()).containsEntry("keywordsMatched", 3.0)
        .containsEntry("languageOverlap", 0.75);
    // log10(20,000) = 4.30103; ÷ log10(10,000,000) = 7 → 61.443
    assertThat(s.component(Component.REACH).score().value()).isCloseTo(61.443, EPS);
    // mean (400 + 500 + 600 + 500) ÷ 4 = 500; 500 ÷ 20,000 = 2.5%; micro expects 2% → 100 × 0.025 ÷ 0.04 = 62.5
    assertThat(s.component(Component.ENGAGEMENT).score().value()).isCloseTo(62.5, EPS);
    assertThat(s.component(Component.ENGAGEMENT).inputs()).containsEntry("expectedRate", 0.02);
    // deviations −100, 0, 100, 0 → variance 20,000 ÷ 4 = 5,000, sd 70.711, CV 0.141421 → 100 ÷ 1.141421 = 87.610
    assertThat(s.component(Component.CONSISTENCY).score().value()).isCloseTo(87.610, EPS);
    // (20,000 − 19,000) ÷ 19,000 × 30 ÷ 30 days = 0.0526316 → 50 + 500 × 0.0526316 = 76.316
    assertThat(s.component(Component.GROWTH).score().value()).isCloseTo(76.316, EPS);
    // rate 1.25 × expected: no penalty; only 2 readings: no jump test; following 300 ÷ 20,000 = 0.015: no penalty
    assertThat(s.component(Component.AUTHENTICITY).score().value()).isCloseTo(100, EPS);
    assertThat(s.component(Component.AUTHENTICITY).inputs()).doesNotContainKey("largestDailyGrowthZ");
    // 0.30 × 56.25 + 0.15 × 61.443 + 0.20 × 62.5 + 0.10 × 87.610 + 0.10 × 76.316 + 0.15 × 100 = 69.984
    assertThat(s.overall().value()).isCloseTo(69.984, EPS);
    assertThat(s.flags()).isEmpty();
    assertThat(s.suspicious()).isFalse();
  }

  @Test
  void growth_without_history_is_undefined_and_the_overall_reweights_the_rest() {
    CreatorScore s = evaluator.score(bob(), RUNNERS, List.of());

    // nutrition (bio), running (#running), marathon: 3 of 4 = 0.75; all 3 posts en (en-GB counts as en) → 75
    assertThat(s.component(Component.RELEVANCE).score().value()).isCloseTo(75, EPS);
    // mean 200 ÷ 5,000 = 4% = nano's expected 4% → 100 × 0.04 ÷ 0.08 = 50
    assertThat(s.component(Component.ENGAGEMENT).score().value()).isCloseTo(50, EPS);
    // deviations 100, −100, 0 → variance 20,000 ÷ 3 = 6,666.7, sd 81.650, CV 0.408248 → 100 ÷ 1.408248 = 71.010
    assertThat(s.component(Component.CONSISTENCY).score().value()).isCloseTo(71.010, EPS);
    assertThat(s.component(Component.GROWTH).score().isDefined()).isFalse();
    // reach log10(5,000) ÷ 7 = 52.842; weights without growth sum to 0.9:
    // (0.30 × 75 + 0.15 × 52.842 + 0.20 × 50 + 0.10 × 71.010 + 0.15 × 100) ÷ 0.9 = 69.475
    assertThat(s.overall().value()).isCloseTo(69.475, EPS);
  }

  @Test
  void flags_bought_followers_from_low_engagement_a_jump_and_the_following_ratio_using_its_own_history() {
    FakeProfiles x = new FakeProfiles(Platform.X, true).serve(carlReadings().toArray(PublicProfile[]::new));
    CreatorScore s = null;
    for (int day = 0; day < 6; day++) {
      s = evaluator.evaluate(x, ACCOUNT, "carl", RUNNERS);
    }

    assertThat(x.lookups).hasSize(6).allMatch(l -> l.equals("carl/12"));
    assertThat(evaluator.history().snapshots(Platform.X, "@Carl")).hasSize(6);
    // mean (300 + 200 + 250 + 250) ÷ 4 = 250; 250 ÷ 200,000 = 0.125%; mid expects 1.5% → 100 × 0.00125 ÷ 0.03 = 4.167
    assertThat(s.component(Component.ENGAGEMENT).score().value()).isCloseTo(4.167, EPS);
    // growth per day 100, 100, 100, 49,500, 200: median 100, MAD 0 → spread floored at 1 → z = 49,400;
    // the excess 49,400 ≥ 1% of 150,300. The last day's +200 (z 100) stays below 1% of 199,800, so one jump only.
    assertThat(s.component(Component.AUTHENTICITY).inputs()).containsEntry("largestDailyGrowthZ", 49_400.0)
        .containsEntry("jumpPenalty", 40.0);
    // low engagement 40 × (1 − 0.08333 ÷ 0.5) = 33.333; jump 40; following 180,000 ÷ 200,000 = 0.9 → 20 × 0.4 = 8
    // 100 − 33.333 − 40 − 8 = 18.667
    assertThat(s.component(Component.AUTHENTICITY).score().value()).isCloseTo(18.667, EPS);
    // the bought jump inflates growth: 50,000 ÷ 150,000 × 30 ÷ 5 days = 2.0 → clamped to 100
    assertThat(s.component(Component.GROWTH).score().value()).isCloseTo(100, EPS);
    assertThat(s.suspicious()).isTrue();
    assertThat(s.flags()).hasSize(3);
    assertThat(s.signals()).containsExactly(Signal.LOW_ENGAGEMENT, Signal.FOLLOWER_JUMP, Signal.FOLLOWING_RATIO);
    assertThat(s.flags()).allMatch(f -> f.signal().boughtFollowers() && f.text().startsWith(InfluencerEvaluator.SUSPICIOUS));
    // rate 250 ÷ 200,000 = 0.00125 against mid's 0.015: 0.00125 ÷ 0.015 = 0.08333 < 0.25
    Flag low = s.flag(Signal.LOW_ENGAGEMENT).orElseThrow();
    assertThat(low.figure("rate")).isCloseTo(0.00125, EPS);
    assertThat(low.figure("expectedRate")).isCloseTo(0.015, EPS);
    assertThat(low.figure("rateToExpected")).isCloseTo(0.08333, within(1e-5));
    assertThat(low.text()).contains("0.13%", "8%", "1.50%", "mid tier");
    // the jump: 49,500 − median 100 = 49,400 excess, z 49,400 (spread floored at 1)
    Flag jump = s.flag(Signal.FOLLOWER_JUMP).orElseThrow();
    assertThat(jump.figures()).containsExactly(entry("excessFollowers", 49_400.0), entry("robustZ", 49_400.0));
    assertThat(jump.text()).contains("49400 followers");
    // 180,000 ÷ 200,000 = 0.9
    assertThat(s.flag(Signal.FOLLOWING_RATIO).orElseThrow().figure("followingRatio")).isCloseTo(0.9, EPS);
    assertThat(s.flags().get(2).text()).contains("0.90 accounts per follower");
    // relevance: running, trail of 4 = 0.5, all en → 50; reach log10(200,000) ÷ 7 = 75.729; consistency as alice's
    // 87.610; 0.30 × 50 + 0.15 × 75.729 + 0.20 × 4.167 + 0.10 × 87.610 + 0.10 × 100 + 0.15 × 18.667 = 48.754
    assertThat(s.overall().value()).isCloseTo(48.754, EPS);
  }

  @Test
  void the_minimum_jump_share_keeps_a_small_creators_busy_day_from_counting_as_bought() {
    // readings 1,000, 1,010, 1,020, 1,030 and now 1,060: daily growth 10, 10, 10, 30 → median 10, MAD 0,
    // spread floored at 1 → z = 20 ≥ 3.5. Excess 20 followers: ≥ 1% of 1,030 = 10.3 (flagged by default),
    // < 5% of 1,030 = 51.5 (not flagged with minShare 0.05).
    InfluencerEvaluator lenient = InfluencerEvaluator.builder(Clock.fixed(NOW, ZoneOffset.UTC)).jump(3.5, 0.05).build();
    PublicProfile now = profile("dana", "running", NOW, 1_060, 10, List.of(post("dana", 1, "run", "en", 40, 2, 0)));
    List<FollowerSnapshot> earlier = List.of(new FollowerSnapshot(NOW.minus(DAY.multipliedBy(4)), 1_000),
        new FollowerSnapshot(NOW.minus(DAY.multipliedBy(3)), 1_010),
        new FollowerSnapshot(NOW.minus(DAY.multipliedBy(2)), 1_020),
        new FollowerSnapshot(NOW.minus(DAY), 1_030));

    assertThat(evaluator.score(now, RUNNERS, earlier).component(Component.AUTHENTICITY).inputs())
        .containsEntry("largestDailyGrowthZ", 20.0)
        .containsEntry("jumpExcessFollowers", 20.0)
        .containsEntry("jumpPenalty", 40.0);
    assertThat(lenient.score(now, RUNNERS, earlier).component(Component.AUTHENTICITY).inputs())
        .containsEntry("jumpPenalty", 0.0);
  }

  @Test
  void compares_creators_best_first_with_formulas_and_csv() {
    List<PublicProfile> carl = carlReadings();
    List<FollowerSnapshot> carlHistory = carl.subList(0, 5).stream()
        .map(p -> FollowerSnapshot.of(p).orElseThrow()).toList();
    CreatorComparison table = evaluator.compare(List.of(
        evaluator.score(carl.get(5), RUNNERS, carlHistory),
        evaluator.score(bob(), RUNNERS, List.of()),
        evaluator.score(alice(), RUNNERS, List.of(new FollowerSnapshot(NOW.minus(Duration.ofDays(30)), 19_000)))));

    // overall 69.984 (alice) > 69.475 (bob) > 48.754 (carl)
    assertThat(table.rows()).extracting(CreatorScore::handle).containsExactly("alice", "bob", "carl");
    assertThat(table.cells().get(1)).containsExactly("2", "x", "bob", "75.0", "52.8", "50.0", "71.0", "n/a",
        "100.0", "69.5", "");
    String csv = table.toCsv();
    assertThat(csv.lines().findFirst().orElseThrow())
        .isEqualTo("rank,platform,handle,relevance,reach,engagement,consistency,growth,authenticity,overall,flags");
    assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("1,x,alice,56.3,61.4,62.5,87.6,76.3,100.0,70.0,");
    String text = table.toText();
    assertThat(text).contains("weights: relevance=0.3 reach=0.15 engagement=0.2 consistency=0.1 growth=0.1 authenticity=0.15")
        .contains("engagement: 100 × min(1, engagementRate ÷ (2 × expectedRate")
        .contains("  bob: meanEngagementsPerPost=200 followers=5000 engagementRate=0.04 expectedRate=0.04")
        .contains("! carl: Possible bought followers: engagement rate 0.13%");
  }

  @Test
  void relevance_matches_phrases_and_languages_by_primary_subtag() {
    TargetAudience audience = new TargetAudience(Set.of("Trail Running", "#ultra"), Set.of("pt-BR", "es"));
    PublicProfile p = profile("eva", "", NOW, 1_000, 10, List.of(
        post("eva", 1, "Amo trail-running e #Ultra", "pt", 1, 0, 0),
        post("eva", 2, "Trail and running", "es-MX", 1, 0, 0),
        post("eva", 3, "Hello", "en", 1, 0, 0),
        post("eva", 4, "sin idioma", null, 1, 0, 0)));

    ComponentScore relevance = evaluator.score(p, audience, List.of()).component(Component.RELEVANCE);

    // "trail running" matches "trail-running" (words trail, running adjacent) but not "Trail and running";
    // "ultra" matches #Ultra → 2 of 2 keywords = 1.0. Languages: pt and es-MX of 3 posts with a language → 2/3.
    // 100 × 1.0 × 2/3 = 66.667
    assertThat(relevance.inputs()).containsEntry("topicOverlap", 1.0).containsEntry("postsWithLanguage", 3.0);
    assertThat(relevance.score().value()).isCloseTo(66.667, EPS);
  }

  @Test
  void posts_without_a_language_raise_a_missing_data_flag_that_is_not_a_sign_of_bought_followers() {
    TargetAudience audience = new TargetAudience(Set.of("trail running"), Set.of("en"));
    PublicProfile p = profile("finn", "trail running", NOW, 1_000, 10, List.of(
        post("finn", 1, "hills", null, 20, 0, 0), post("finn", 2, "more hills", null, 20, 0, 0)));

    CreatorScore s = evaluator.score(p, audience, List.of());

    // no post has a language → overlap 1; the keyword is in the bio → 100 × 1 × 1 = 100
    assertThat(s.component(Component.RELEVANCE).score().value()).isCloseTo(100, EPS);
    assertThat(s.signals()).containsExactly(Signal.LANGUAGES_UNKNOWN);
    assertThat(s.suspicious()).isFalse();
    assertThat(s.flags().get(0).text()).isEqualTo("Post languages unknown: language overlap taken as 1");
  }

  @Test
  void hidden_followers_leave_their_components_undefined_and_the_overall_on_the_rest() {
    PublicProfile hidden = new PublicProfile(Platform.X, "h-id", "hana", null, "marathon", null, NOW, Map.of(),
        List.of(post("hana", 1, "run", "en", 10, 0, 0), post("hana", 2, "run", "en", 30, 0, 0)));

    CreatorScore s = evaluator.score(hidden, RUNNERS, List.of());

    assertThat(s.component(Component.REACH).score()).isEqualTo(KpiValue.undefined("followers not shown"));
    assertThat(s.component(Component.ENGAGEMENT).score().isDefined()).isFalse();
    assertThat(s.component(Component.AUTHENTICITY).score().isDefined()).isFalse();
    assertThat(s.signals()).contains(Signal.FOLLOWERS_HIDDEN);
    assertThat(s.flag(Signal.FOLLOWERS_HIDDEN).orElseThrow().figures()).isEmpty();
    assertThat(s.suspicious()).isFalse();
    assertThat(s.flags()).anyMatch(f -> f.text().startsWith("Followers not shown"));
    // relevance: marathon of 4 keywords = 0.25, both posts en → 25; consistency: mean 20, sd 10, CV 0.5 → 66.667
    // overall over the defined two: (0.30 × 25 + 0.10 × 66.667) ÷ 0.40 = 35.417
    assertThat(s.overall().value()).isCloseTo(35.417, EPS);
  }

  @Test
  void refuses_a_connector_without_public_profiles_before_any_lookup() {
    FakeProfiles bare = new FakeProfiles(Platform.MASTODON, false).serve(alice());

    assertThatThrownBy(() -> evaluator.evaluate(bare, ACCOUNT, "alice", RUNNERS))
        .isInstanceOfSatisfying(UnsupportedCapabilityException.class,
            e -> assertThat(e.capability()).isEqualTo(Capability.PUBLIC_PROFILES));
    assertThat(bare.lookups).isEmpty();
  }

  @Test
  void rejects_bad_weights_and_tiers_naming_the_field() {
    assertThatThrownBy(() -> new Weights(0.3, -0.1, 0, 0, 0, 0))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("weights.reach"));
    assertThatThrownBy(() -> new TierTable(List.of(new EngagementTier("big", 1_000, 0.01))))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("tiers"));
    assertThat(TierTable.standard().tierFor(99_999).name()).isEqualTo("micro");
    assertThat(TierTable.standard().tierFor(100_000).name()).isEqualTo("mid");
  }
}
