package dev.chorus.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Platform;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixDriftTest {

  private static final ContentMix MIX = ContentPlannerTest.MIX;   // 40/30/20/10
  private static final ZoneId BERLIN = ContentPlannerTest.BERLIN;

  private static void add(List<ScheduledItem> items, Platform platform, String day, String pillar, int n) {
    for (int i = 0; i < n; i++) {
      items.add(new ScheduledItem(platform, AccountId.of(platform.id()), Instant.parse(day + "T1" + i + ":00:00Z"),
          BERLIN, pillar));
    }
  }

  @Test
  void a_too_promotional_platform_is_flagged_while_the_other_is_on_target() {
    List<ScheduledItem> items = new ArrayList<>();
    // X, all in the week of Monday 1 March 2027: 4 educational, 5 entertaining, 9 promotional, 2 social proof = 20.
    add(items, Platform.X, "2027-03-01", "educational", 4);
    add(items, Platform.X, "2027-03-02", "entertaining", 5);
    add(items, Platform.X, "2027-03-03", "promotional", 9);
    add(items, Platform.X, "2027-03-04", "social proof", 2);
    // LinkedIn, the week of Monday 8 March: 4/3/2/1 = 10, exactly the mix.
    add(items, Platform.LINKEDIN, "2027-03-08", "educational", 4);
    add(items, Platform.LINKEDIN, "2027-03-09", "entertaining", 3);
    add(items, Platform.LINKEDIN, "2027-03-10", "promotional", 2);
    add(items, Platform.LINKEDIN, "2027-03-11", "social proof", 1);

    List<ShareCheck> drifts = MixDrift.of(MIX).drifts(items);

    // Checks come overall, then by week, then by platform, pillars in the mix's order.

    // X: promotional 9/20 = 45% vs 20% (+25 points) and educational 4/20 = 20% vs 40% (−20 points)
    // exceed 10 points; entertaining 25% vs 30% and social proof 10% vs 10% do not. Week 1 is X alone,
    // so it drifts the same way. Overall: promotional 11/30 = 36.7% vs 20% (+16.7) and educational
    // 8/30 = 26.7% vs 40% (−13.3) drift; entertaining 8/30 = 26.7% and social proof 3/30 = 10% do not.
    assertThat(drifts).extracting(ShareCheck::message).containsExactly(
        "all: too little educational: educational 27% against 40% target (8 of 30)",
        "all: too promotional: promotional 37% against 20% target (11 of 30)",
        "week 2027-03-01: too little educational: educational 20% against 40% target (4 of 20)",
        "week 2027-03-01: too promotional: promotional 45% against 20% target (9 of 20)",
        "platform x: too little educational: educational 20% against 40% target (4 of 20)",
        "platform x: too promotional: promotional 45% against 20% target (9 of 20)");
  }

  @Test
  void untagged_posts_count_against_the_mix_and_the_tolerance_is_configurable() {
    List<ScheduledItem> items = new ArrayList<>();
    add(items, Platform.X, "2027-03-01", "educational", 4);
    add(items, Platform.X, "2027-03-02", "entertaining", 3);
    add(items, Platform.X, "2027-03-03", "promotional", 1);
    add(items, Platform.X, "2027-03-04", null, 2);

    List<ShareCheck> all = MixDrift.of(MIX).check(items);
    // 10 posts: educational 40%, entertaining 30%, promotional 10% (−10 points: not beyond 10),
    // social proof 0% (−10), untagged 20% against 0 (+20: flagged).
    ShareCheck untagged = all.stream().filter(c -> c.scope().equals("all") && c.pillar().equals(MixDrift.UNTAGGED))
        .findFirst().orElseThrow();
    assertThat(untagged.actual()).isEqualTo(0.2);
    assertThat(untagged.drifted()).isTrue();
    assertThat(MixDrift.of(MIX).drifts(items)).extracting(ShareCheck::pillar).containsOnly(MixDrift.UNTAGGED);
    // With a 5-point tolerance promotional and social proof (10 points off) drift too.
    assertThat(MixDrift.of(MIX, 0.05).drifts(items).stream().filter(c -> c.scope().equals("all")))
        .extracting(ShareCheck::pillar).containsExactly("promotional", "social proof", MixDrift.UNTAGGED);
    assertThatThrownBy(() -> MixDrift.of(MIX, 1.5))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("tolerance"));
  }
}
