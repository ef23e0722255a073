package dev.chorus.strategy;

import static dev.chorus.strategy.StrategyFixtures.audience;
import static dev.chorus.strategy.StrategyFixtures.header;
import static dev.chorus.strategy.StrategyFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Audience;
import dev.chorus.model.Campaign;
import dev.chorus.model.Objective;
import dev.chorus.model.Platform;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Rankings on the built-in table with the default weights objective 0.40, age 0.35, market 0.25.
 * Every expected score is worked out by hand from platform-strengths.csv in the comments.
 */
class PlatformAdvisorTest {

  private static final Offset<Double> EPS = within(1e-9);
  private final PlatformAdvisor advisor = PlatformAdvisor.ofDefaults();

  @Test
  void awareness_for_young_consumers_ranks_youtube_instagram_tiktok() {
    Campaign campaign = Campaign.builder(StrategyFixtures.WS, "Launch", Objective.AWARENESS)
        .dates(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)).build();
    Audience young = audience(18, 29, List.of(), Set.of("coffee"));

    List<PlatformRecommendation> top = advisor.recommend(campaign, young);

    // youtube   .9×.40 + .93×.35 + .85×.25 = .36 + .3255 + .2125 = .8980
    // instagram .8×.40 + .78×.35 + .90×.25 = .32 + .2730 + .2250 = .8180
    // tiktok    .9×.40 + .62×.35 + .85×.25 = .36 + .2170 + .2125 = .7895
    // (facebook .8×.40 + .67×.35 + .90×.25 = .32 + .2345 + .2250 = .7795, fourth)
    assertThat(top).extracting(PlatformRecommendation::platform)
        .containsExactly(Platform.YOUTUBE, Platform.INSTAGRAM, Platform.TIKTOK);
    assertThat(top.get(0).score()).isCloseTo(0.8980, EPS);
    assertThat(top.get(1).score()).isCloseTo(0.8180, EPS);
    assertThat(top.get(2).score()).isCloseTo(0.7895, EPS);
    assertThat(top.get(0).factors()).extracting(Factor::contribution).satisfiesExactly(
        c -> assertThat(c).isCloseTo(0.36, EPS), c -> assertThat(c).isCloseTo(0.3255, EPS),
        c -> assertThat(c).isCloseTo(0.2125, EPS));
    assertThat(top.get(0).reasons().get(0)).isEqualTo(
        "objective AWARENESS 0.90 × 0.40 = +0.360 (judgement: fit of the platform's formats and tools"
            + " (ads, links, lead forms, shopping) for the objective)");
    assertThat(top.get(0).reasons().get(1)).contains("18-29 0.93×1.00").contains("Pew Research Center");
  }

  @Test
  void leads_for_b2b_professionals_ranks_linkedin_first() {
    Audience professionals = audience(30, 49, List.of("US"), Set.of("B2B", "saas"));
    assertThat(PlatformAdvisor.marketOf(professionals)).isEqualTo(Market.B2B);

    List<PlatformRecommendation> top = advisor.recommend(Objective.LEADS, professionals, Market.B2B, List.of());

    // linkedin .9×.40 + .40×.35 + .94×.25 = .36 + .1400 + .2350 = .7350
    // facebook .6×.40 + .75×.35 + .60×.25 = .24 + .2625 + .1500 = .6525
    // youtube  .4×.40 + .92×.35 + .60×.25 = .16 + .3220 + .1500 = .6320
    assertThat(top).extracting(PlatformRecommendation::summary)
        .containsExactly("linkedin 0.735", "facebook 0.653", "youtube 0.632");
    assertThat(top.get(0).score()).isCloseTo(0.7350, EPS);
  }

  @Test
  void traffic_for_consumers_over_fifty_ranks_facebook_youtube_pinterest() {
    Audience older = audience(50, null, List.of(), Set.of());

    List<PlatformRecommendation> top = advisor.recommend(Objective.TRAFFIC, older, Market.B2C, List.of());

    // 50+ covers all of 50-64 and of the open 65+ band (65-84), so both weigh 1: age fit is their mean.
    // facebook  .7×.40 + (.69+.58)/2=.635×.35 + .90×.25 = .28 + .22225 + .2250 = .72725
    // youtube   .5×.40 + (.83+.60)/2=.715×.35 + .85×.25 = .20 + .25025 + .2125 = .66275
    // pinterest .9×.40 + (.33+.21)/2=.270×.35 + .80×.25 = .36 + .09450 + .2000 = .65450
    assertThat(top).extracting(PlatformRecommendation::platform)
        .containsExactly(Platform.FACEBOOK, Platform.YOUTUBE, Platform.PINTEREST);
    assertThat(top).extracting(PlatformRecommendation::score).satisfiesExactly(
        s -> assertThat(s).isCloseTo(0.72725, EPS), s -> assertThat(s).isCloseTo(0.66275, EPS),
        s -> assertThat(s).isCloseTo(0.65450, EPS));
  }

  @Test
  void age_bands_weigh_by_the_share_of_their_years_the_audience_covers() {
    Audience midTwenties = audience(25, 34, List.of(), Set.of());

    PlatformRecommendation linkedin = advisor.rank(Objective.TRUST, midTwenties, Market.B2B, List.of()).stream()
        .filter(r -> r.platform().equals(Platform.LINKEDIN)).findFirst().orElseThrow();

    // 25-34 covers 5 of the 12 years of 18-29 and 5 of the 20 of 30-49:
    // (5/12 × .32 + 5/20 × .40) / (5/12 + 5/20) = (.133333 + .100000) / .666667 = .35
    assertThat(linkedin.factors().get(1).value()).isCloseTo(0.35, EPS);
    // .9×.40 + .35×.35 + .94×.25 = .36 + .1225 + .235 = .7175
    assertThat(linkedin.score()).isCloseTo(0.7175, EPS);
  }

  @Test
  void audiences_outside_the_surveyed_ages_use_the_nearest_band() {
    Function<Audience, Double> youtubeAge = a -> advisor.rank(Objective.AWARENESS, a, Market.B2C, List.of()).stream()
        .filter(r -> r.platform().equals(Platform.YOUTUBE)).findFirst().orElseThrow().factors().get(1).value();
    // Teens 13-17: no adult band overlaps, 18-29 (.93) stands in; 90+: past 65-84, 65+ (.60) stands in.
    assertThat(youtubeAge.apply(audience(13, 17, List.of(), Set.of()))).isEqualTo(0.93);
    assertThat(youtubeAge.apply(audience(90, null, List.of(), Set.of()))).isEqualTo(0.60);
    // 16-20 is clipped to 18-20, inside 18-29 only.
    assertThat(youtubeAge.apply(audience(16, 20, List.of(), Set.of()))).isCloseTo(0.93, EPS);
  }

  @Test
  void measured_history_outranks_the_table_fully_from_thirty_posts_and_half_at_fifteen() {
    Audience professionals = audience(30, 49, List.of(), Set.of("b2b"));

    // X scores .4×.40 + .27×.35 + .70×.25 = .16 + .0945 + .175 = .4295 on the table, far behind
    // linkedin .735. Its 60 measured posts (the only, so the best, history: normalised 1) weigh
    // min(1, 60/30) = 1, so its score is the measured 1.0 and it ranks first.
    List<PlatformRecommendation> full = advisor.recommend(Objective.LEADS, professionals, Market.B2B,
        List.of(new PlatformHistory(Platform.X, 0.031, 60)));
    assertThat(full.get(0).platform()).isEqualTo(Platform.X);
    assertThat(full.get(0).score()).isCloseTo(1.0, EPS);
    assertThat(full.get(0).tableScore()).isCloseTo(0.4295, EPS);
    assertThat(full.get(0).reasons().get(3)).startsWith("measured 1.00 × 1.00 = +0.571");

    // With 15 posts the weight is 15/30 = .5: .5 × .4295 + .5 × 1 = .71475, below linkedin's .735.
    List<PlatformRecommendation> half = advisor.recommend(Objective.LEADS, professionals, Market.B2B,
        List.of(new PlatformHistory(Platform.X, 0.031, 15)));
    assertThat(half).extracting(PlatformRecommendation::platform)
        .containsExactly(Platform.LINKEDIN, Platform.X, Platform.FACEBOOK);
    assertThat(half.get(1).score()).isCloseTo(0.71475, EPS);

    // Two measured platforms: each is normalised by the best. Facebook 0.05 (n=40) → 1.0;
    // linkedin 0.02 (n=40) → .02/.05 = .4, which drops it from first to below instagram
    // (.4×.40 + .59×.35 + .35×.25 = .16 + .2065 + .0875 = .454) and x (.4295); youtube keeps .632.
    List<PlatformRecommendation> both = advisor.rank(Objective.LEADS, professionals, Market.B2B,
        List.of(new PlatformHistory(Platform.FACEBOOK, 0.05, 40), new PlatformHistory(Platform.LINKEDIN, 0.02, 40)));
    assertThat(both.subList(0, 5)).extracting(PlatformRecommendation::summary)
        .containsExactly("facebook 1.000", "youtube 0.632", "instagram 0.454", "x 0.430", "linkedin 0.400");
  }

  @Test
  void a_region_where_a_platform_is_unavailable_scales_its_score_by_the_share_of_locations() {
    PlatformStrengths table = PlatformStrengths.read(new StringReader(
        header() + rows("alpha", 0.8) + "alpha,region,CN,0,fact: blocked\n" + rows("beta", 0.5)));
    PlatformAdvisor custom = PlatformAdvisor.builder().strengths(table).limit(1).build();

    // alpha: .8 on every factor → .8; in CN (0) and DE (not listed, 1) the multiplier is (0+1)/2 = .5 → .4.
    // beta: .5 on every factor and no region rows → .5, so beta wins.
    List<PlatformRecommendation> top = custom.recommend(Objective.SALES, audience(null, null, List.of("cn", "DE"),
        Set.of()), Market.B2C, List.of());
    assertThat(top).extracting(PlatformRecommendation::summary).containsExactly("beta 0.500");
    List<PlatformRecommendation> all = custom.rank(Objective.SALES, audience(null, null, List.of("cn", "DE"),
        Set.of()), Market.B2C, List.of());
    assertThat(all.get(1).score()).isCloseTo(0.4, EPS);
    assertThat(all.get(1).reasons().get(3)).contains("region availability").contains("-0.400");
  }

  @Test
  void options_and_history_are_validated() {
    assertThatThrownBy(() -> PlatformAdvisor.builder().weights(0.5, 0.5, 0.5))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("weights"));
    assertThatThrownBy(() -> PlatformAdvisor.builder().limit(0))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> new PlatformHistory(Platform.X, -1, 3))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("history.value"));
    assertThatThrownBy(() -> advisor.recommend(Objective.LEADS, audience(null, null, List.of(), Set.of()), Market.B2B,
        List.of(new PlatformHistory(Platform.X, 1, 3), new PlatformHistory(Platform.X, 2, 3))))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("twice");
  }
}
