package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Share of voice and engagement against competitor accounts from their public metrics. Share of
 * voice is a brand's mentions (or engagements) ÷ the sum over every brand compared (Sprout's "your
 * metric ÷ total market metric"); the engagement rate is engagements ÷ (posts × followers), so a
 * brand that posts more or has more followers does not win by volume alone. Pure functions.
 */
public final class Competitors {

  /** What share of voice is counted in. */
  public enum Basis {
    /** Mentions by others. */
    MENTIONS,
    /** Engagements on the brand's own posts. */
    ENGAGEMENTS
  }

  private Competitors() {}

  /**
   * Every brand ranked by share of voice (then by engagement rate, then by name).
   *
   * @throws InvalidValueException when two brands share a name or more than one is marked own
   */
  public static List<CompetitorStanding> rank(List<CompetitorMetrics> brands, Basis basis) {
    List<CompetitorMetrics> all = Checks.list("brands", brands);
    Checks.required("basis", basis);
    Set<String> names = new HashSet<>();
    int own = 0;
    long total = 0;
    for (CompetitorMetrics brand : all) {
      if (!names.add(brand.name())) {
        throw new InvalidValueException("brands.name", brand.name(), "appears more than once");
      }
      own += brand.own() ? 1 : 0;
      total = Math.addExact(total, count(brand, basis));
    }
    if (own > 1) {
      throw new InvalidValueException("brands.own", own, "at most one brand may be the own brand");
    }
    List<CompetitorStanding> unranked = new ArrayList<>();
    for (CompetitorMetrics brand : all) {
      KpiValue share = KpiValue.ratio(count(brand, basis), total);
      KpiValue rate = brand.posts() == 0 || brand.followers() == 0
          ? KpiValue.undefined("division by zero: no posts or no followers")
          : KpiValue.of((double) brand.engagements() / ((double) brand.posts() * brand.followers()));
      unranked.add(new CompetitorStanding(0, brand, share, rate));
    }
    unranked.sort(Comparator.comparingDouble((CompetitorStanding s) -> -s.shareOfVoice().orElse(-1))
        .thenComparingDouble(s -> -s.engagementRate().orElse(-1))
        .thenComparing(s -> s.brand().name()));
    List<CompetitorStanding> ranked = new ArrayList<>();
    for (int i = 0; i < unranked.size(); i++) {
      CompetitorStanding s = unranked.get(i);
      int rank = i + 1;
      if (i > 0 && s.shareOfVoice().orElse(-1) == unranked.get(i - 1).shareOfVoice().orElse(-1)) {
        rank = ranked.get(i - 1).rank();
      }
      ranked.add(new CompetitorStanding(rank, s.brand(), s.shareOfVoice(), s.engagementRate()));
    }
    return List.copyOf(ranked);
  }

  private static long count(CompetitorMetrics brand, Basis basis) {
    return basis == Basis.MENTIONS ? brand.mentions() : brand.engagements();
  }
}
