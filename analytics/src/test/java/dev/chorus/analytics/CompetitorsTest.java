package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompetitorsTest {

  static final CompetitorMetrics OWN = new CompetitorMetrics("Chorus", true, 300, 4_000, 10_000, 20);
  static final CompetitorMetrics RIVAL = new CompetitorMetrics("Rival", false, 500, 9_000, 50_000, 30);
  static final CompetitorMetrics NEWCOMER = new CompetitorMetrics("Newcomer", false, 200, 1_000, 0, 5);

  @Test
  void share_of_voice_by_mentions_and_engagement_rate_per_brand() {
    List<CompetitorStanding> ranking = Competitors.rank(List.of(OWN, RIVAL, NEWCOMER), Competitors.Basis.MENTIONS);
    assertThat(ranking).extracting(s -> s.brand().name()).containsExactly("Rival", "Chorus", "Newcomer");
    assertThat(ranking).extracting(CompetitorStanding::rank).containsExactly(1, 2, 3);
    assertThat(ranking.get(0).shareOfVoice().value()).isEqualTo(0.5); // 500 / 1000
    assertThat(ranking.get(1).shareOfVoice().value()).isEqualTo(0.3);
    assertThat(ranking.get(2).shareOfVoice().value()).isEqualTo(0.2);
    assertThat(ranking.get(1).engagementRate().value()).isEqualTo(0.02); // 4000 / (20 posts x 10,000)
    assertThat(ranking.get(0).engagementRate().value()).isCloseTo(0.006, within(1e-15)); // 9000 / (30 x 50,000)
    assertThat(ranking.get(2).engagementRate().isDefined()).isFalse(); // no followers: undefined, not 0
  }

  @Test
  void share_of_voice_by_engagement_and_shared_ranks() {
    List<CompetitorStanding> byEngagement =
        Competitors.rank(List.of(OWN, RIVAL, NEWCOMER), Competitors.Basis.ENGAGEMENTS);
    assertThat(byEngagement.get(0).shareOfVoice().value()).isCloseTo(9.0 / 14, within(1e-15));
    assertThat(byEngagement.get(1).shareOfVoice().value()).isCloseTo(4.0 / 14, within(1e-15));

    CompetitorMetrics twin = new CompetitorMetrics("Twin", false, 300, 100, 1_000, 1);
    List<CompetitorStanding> tied = Competitors.rank(List.of(OWN, twin), Competitors.Basis.MENTIONS);
    assertThat(tied).extracting(CompetitorStanding::rank).containsExactly(1, 1);
    // tie broken for display by engagement rate: Chorus 0.02 < Twin 0.1
    assertThat(tied.get(0).brand().name()).isEqualTo("Twin");

    List<CompetitorStanding> silent = Competitors.rank(
        List.of(new CompetitorMetrics("A", true, 0, 0, 1, 1)), Competitors.Basis.MENTIONS);
    assertThat(silent.get(0).shareOfVoice().isDefined()).isFalse();
  }

  @Test
  void duplicate_names_and_two_own_brands_are_refused() {
    assertThatThrownBy(() -> Competitors.rank(List.of(OWN, OWN), Competitors.Basis.MENTIONS))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("brands.name");
    assertThatThrownBy(() -> Competitors.rank(List.of(OWN, new CompetitorMetrics("B", true, 1, 1, 1, 1)),
        Competitors.Basis.MENTIONS)).isInstanceOf(InvalidValueException.class).hasMessageContaining("brands.own");
    assertThatThrownBy(() -> new CompetitorMetrics("X", false, -1, 0, 0, 0))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("competitor.mentions");
  }
}
