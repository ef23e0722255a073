package dev.chorus.strategy;

import static dev.chorus.strategy.StrategyFixtures.audience;
import static dev.chorus.strategy.StrategyFixtures.header;
import static dev.chorus.strategy.StrategyFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Audience;
import dev.chorus.model.AudienceId;
import dev.chorus.model.Demographics;
import dev.chorus.model.Objective;
import dev.chorus.model.Platform;
import java.io.StringReader;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The interest fit and the language availability of {@link PlatformAdvisor}. Expected scores are
 * worked out by hand from platform-strengths.csv in the comments.
 */
class AdvisorInterestsTest {

  private static final Offset<Double> EPS = within(1e-9);
  private final PlatformAdvisor advisor = PlatformAdvisor.ofDefaults();

  @Test
  void a_food_audience_moves_pinterest_from_third_to_first_for_traffic() {
    // Ages 25-34 cover 5/12 of 18-29 and 5/20 of 30-49: age = (5/12 a + 1/4 b) ÷ (2/3) = .625 a + .375 b.
    // facebook  age .625×.67 + .375×.75 = .70;    .7×.40 + .70×.35 + .90×.25 = .28 + .245 + .225 = .75
    // youtube   age .625×.93 + .375×.92 = .92625; .5×.40 + .92625×.35 + .85×.25 = .20 + .3241875 + .2125 = .7366875
    // pinterest age .625×.45 + .375×.40 = .43125; .9×.40 + .43125×.35 + .80×.25 = .36 + .1509375 + .20 = .7109375
    List<PlatformRecommendation> plain = advisor.recommend(Objective.TRAFFIC, audience(25, 34, List.of(), Set.of()),
        Market.B2C, List.of());
    assertThat(plain).extracting(PlatformRecommendation::platform)
        .containsExactly(Platform.FACEBOOK, Platform.YOUTUBE, Platform.PINTEREST);
    assertThat(plain.get(2).score()).isCloseTo(0.7109375, EPS);

    // With "Food" (a listed topic, case-insensitive): score = .8 × base + .2 × food fit.
    // pinterest .8×.7109375 + .2×.9 = .56875 + .18 = .74875
    // youtube   .8×.7366875 + .2×.7 = .58935 + .14 = .72935
    // facebook  .8×.75      + .2×.6 = .60    + .12 = .72
    List<PlatformRecommendation> food = advisor.recommend(Objective.TRAFFIC, audience(25, 34, List.of(),
        Set.of("Food")), Market.B2C, List.of());
    assertThat(food).extracting(PlatformRecommendation::platform)
        .containsExactly(Platform.PINTEREST, Platform.YOUTUBE, Platform.FACEBOOK);
    assertThat(food.get(0).score()).isCloseTo(0.74875, EPS);
    assertThat(food.get(1).score()).isCloseTo(0.72935, EPS);
    assertThat(food.get(2).score()).isCloseTo(0.72, EPS);
    // The base weights shrink to .40×.8 = .32, .35×.8 = .28, .25×.8 = .20; the interest factor is the fourth.
    assertThat(food.get(0).factors()).extracting(Factor::weight).satisfiesExactly(
        w -> assertThat(w).isCloseTo(0.32, EPS), w -> assertThat(w).isCloseTo(0.28, EPS),
        w -> assertThat(w).isCloseTo(0.20, EPS), w -> assertThat(w).isCloseTo(0.20, EPS));
    assertThat(food.get(0).reasons().get(3)).startsWith("interests [food] 0.90 × 0.20 = +0.180 (mean of food 0.90; judgement");
  }

  @Test
  void interests_the_table_does_not_list_leave_the_score_unchanged() {
    // "coffee" and "baking" are no topic of the built-in table: the same .75 for facebook as without interests.
    List<PlatformRecommendation> top = advisor.recommend(Objective.TRAFFIC, audience(25, 34, List.of(),
        Set.of("coffee", "baking")), Market.B2C, List.of());
    assertThat(top.get(0).platform()).isEqualTo(Platform.FACEBOOK);
    assertThat(top.get(0).score()).isCloseTo(0.75, EPS);
    assertThat(top.get(0).factors()).hasSize(3);
  }

  @Test
  void a_listed_topic_without_a_row_for_a_platform_is_neutral_and_the_weight_is_configurable() {
    PlatformStrengths table = PlatformStrengths.read(new StringReader(header() + rows("alpha", 0.8)
        + "alpha,interest,Food,1,judgement: recipes\n" + rows("beta", 0.6)));

    Audience foodies = audience(null, null, List.of(), Set.of("food", "coffee"));
    List<PlatformRecommendation> ranked = PlatformAdvisor.builder().strengths(table).build()
        .rank(Objective.SALES, foodies, Market.B2C, List.of());
    // alpha .8×.8 + .2×1 = .84; beta has no food row → .5: .8×.6 + .2×.5 = .58 ("coffee" is not listed, ignored)
    assertThat(ranked).extracting(PlatformRecommendation::summary).containsExactly("alpha 0.840", "beta 0.580");
    assertThat(ranked.get(1).reasons().get(3)).contains("food 0.50 (no row: neutral)");

    // A share of .5: alpha .5×.8 + .5×1 = .9; beta .5×.6 + .5×.5 = .55. A share of 0 ignores interests.
    assertThat(PlatformAdvisor.builder().strengths(table).interestWeight(0.5).build()
        .rank(Objective.SALES, foodies, Market.B2C, List.of())).extracting(PlatformRecommendation::summary)
        .containsExactly("alpha 0.900", "beta 0.550");
    assertThat(PlatformAdvisor.builder().strengths(table).interestWeight(0).build()
        .rank(Objective.SALES, foodies, Market.B2C, List.of())).extracting(PlatformRecommendation::summary)
        .containsExactly("alpha 0.800", "beta 0.600");
    assertThatThrownBy(() -> PlatformAdvisor.builder().interestWeight(1.5))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("interestWeight"));
  }

  @Test
  void language_rows_scale_a_platform_by_the_share_of_the_audience_languages_it_serves() {
    PlatformStrengths table = PlatformStrengths.read(new StringReader(header() + rows("alpha", 0.8)
        + "alpha,language,DE,0,judgement: no German interface\n" + rows("beta", 0.5)));
    Audience bilingual = new Audience(AudienceId.of("bi"), StrategyFixtures.WS, "Bilingual",
        new Demographics(null, null, Set.of()), List.of("AT"), List.of("de-AT", "en"), Set.of(),
        ZoneId.of("Europe/Vienna"), null, null);

    List<PlatformRecommendation> ranked = PlatformAdvisor.builder().strengths(table).build()
        .rank(Objective.SALES, bilingual, Market.B2C, List.of());
    // alpha .8; de-AT reads as de (0), en is not listed (1): multiplier (0 + 1) ÷ 2 = .5 → .4 below beta's .5
    assertThat(ranked).extracting(PlatformRecommendation::summary).containsExactly("beta 0.500", "alpha 0.400");
    assertThat(ranked.get(1).reasons().get(3)).startsWith("language availability [de, en] 0.50 × 1.00 = -0.400");

    assertThatThrownBy(() -> PlatformStrengths.read(new StringReader(header() + rows("alpha", 0.8)
        + "alpha,language,german,0,judgement\n")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("row 14, column key"));
  }
}
