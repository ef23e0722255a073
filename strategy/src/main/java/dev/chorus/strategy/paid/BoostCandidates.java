package dev.chorus.strategy.paid;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.KpiCalculator;
import dev.chorus.analytics.KpiValue;
import dev.chorus.model.Checks;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Picks the organic posts worth boosting: those whose audience already responds, judged on enough
 * impressions to trust it.
 *
 * <p>A post is eligible when it is old enough for its organic reach to have settled ({@code
 * minAge}, 24 hours by default), young enough to still be relevant ({@code maxAge}, 14 days), has
 * at least {@code minImpressions} impressions (500), and is not boosted already. Eligible posts are
 * ranked by the lower bound of the 95 % Wilson score interval of their engagement rate
 * (engagements ÷ impressions, engagements as the platform's {@link KpiCalculator} definition): the
 * rate a post can be trusted to have at least, so 30 engagements on 200 impressions (15 %, lower
 * bound 10.7 %) does not beat 1,200 on 10,000 (12 %, lower bound 11.4 %). At most {@code
 * perPlatform} posts per platform and {@code limit} in all are picked.
 *
 * @param minAge how long after publishing a post is first considered
 * @param maxAge how long after publishing a post is last considered
 * @param minImpressions the fewest impressions a post needs
 * @param perPlatform the most posts picked per platform
 * @param limit the most posts picked in all
 */
public record BoostCandidates(Duration minAge, Duration maxAge, long minImpressions, int perPlatform, int limit) {

  /** z for a two-sided 95 % interval. */
  private static final double Z = 1.959963984540054;

  public BoostCandidates {
    Checks.required("minAge", minAge);
    Checks.required("maxAge", maxAge);
    if (minAge.isNegative() || maxAge.compareTo(minAge) <= 0) {
      throw new InvalidValueException("maxAge", maxAge, "must be longer than minAge " + minAge + " (which must not be negative)");
    }
    if (minImpressions < 1) {
      throw new InvalidValueException("minImpressions", minImpressions, "must be at least 1");
    }
    if (perPlatform < 1) {
      throw new InvalidValueException("perPlatform", perPlatform, "must be at least 1");
    }
    if (limit < 1) {
      throw new InvalidValueException("limit", limit, "must be at least 1");
    }
  }

  /** The defaults: 24 hours to 14 days old, 500 impressions, 3 per platform, 5 in all. */
  public static BoostCandidates defaults() {
    return new BoostCandidates(Duration.ofHours(24), Duration.ofDays(14), 500, 3, 5);
  }

  /**
   * A published organic post with its latest counters.
   *
   * @param alreadyBoosted whether paid spend is already behind it
   */
  public record OrganicPost(MetricSnapshot latest, Instant publishedAt, boolean alreadyBoosted) {

    public OrganicPost {
      Checks.required("post.latest", latest);
      Checks.required("post.publishedAt", publishedAt);
      if (latest.accountLevel()) {
        throw new InvalidValueException("post.latest", latest.accountId(), "is an account snapshot, not a post's");
      }
    }
  }

  /**
   * How one post was judged.
   *
   * @param engagementRate engagements ÷ impressions, undefined when not measurable
   * @param score the Wilson lower bound the ranking uses, 0 when ineligible
   * @param reason why it is ineligible, or {@code null} when eligible
   */
  public record Evaluation(OrganicPost post, KpiValue engagementRate, double score, String reason) {

    /** Whether the post may be boosted. */
    public boolean eligible() {
      return reason == null;
    }
  }

  /**
   * The picks and every post's evaluation.
   *
   * @param picked the posts to boost, best first
   * @param evaluated every post, eligible ones best first, then the rest with their reason
   */
  public record Result(List<Evaluation> picked, List<Evaluation> evaluated) {}

  /** Judges the posts at the clock's instant and picks the best. */
  public Result choose(List<OrganicPost> posts, KpiCalculator calculator, Clock clock) {
    Checks.required("calculator", calculator);
    Instant now = Checks.required("clock", clock).instant();
    List<Evaluation> eligible = new ArrayList<>();
    List<Evaluation> rejected = new ArrayList<>();
    for (OrganicPost post : Checks.list("posts", posts)) {
      Evaluation evaluation = evaluate(post, calculator, now);
      (evaluation.eligible() ? eligible : rejected).add(evaluation);
    }
    eligible.sort(Comparator.comparingDouble(Evaluation::score).reversed()
        .thenComparing(e -> e.post().latest().externalPostId()));
    List<Evaluation> picked = new ArrayList<>();
    Map<Platform, Integer> perPlatformCount = new HashMap<>();
    for (Evaluation evaluation : eligible) {
      if (picked.size() == limit) {
        break;
      }
      Platform platform = evaluation.post().latest().platform();
      if (perPlatformCount.merge(platform, 1, Integer::sum) <= perPlatform) {
        picked.add(evaluation);
      }
    }
    List<Evaluation> all = new ArrayList<>(eligible);
    all.addAll(rejected);
    return new Result(List.copyOf(picked), List.copyOf(all));
  }

  private Evaluation evaluate(OrganicPost post, KpiCalculator calculator, Instant now) {
    MetricSnapshot latest = post.latest();
    Duration age = Duration.between(post.publishedAt(), now);
    KpiValue rate = calculator.engagementRateByImpressions(latest);
    if (post.alreadyBoosted()) {
      return new Evaluation(post, rate, 0, "already boosted");
    }
    if (age.compareTo(minAge) < 0) {
      return new Evaluation(post, rate, 0, "published " + age.toHours() + " h ago; wait until " + minAge.toHours() + " h");
    }
    if (age.compareTo(maxAge) > 0) {
      return new Evaluation(post, rate, 0, "published " + age.toDays() + " days ago; older than " + maxAge.toDays() + " days");
    }
    OptionalLong impressions = latest.value(Metric.IMPRESSIONS);
    if (impressions.isEmpty()) {
      return new Evaluation(post, rate, 0, "impressions not reported");
    }
    if (impressions.getAsLong() < minImpressions) {
      return new Evaluation(post, rate, 0, impressions.getAsLong() + " impressions; needs " + minImpressions);
    }
    KpiValue engagements = calculator.engagements(latest.platform(), latest.values());
    if (!engagements.isDefined()) {
      return new Evaluation(post, rate, 0, "no engagement metric reported");
    }
    return new Evaluation(post, rate, wilsonLowerBound(engagements.value(), impressions.getAsLong()), null);
  }

  /**
   * The lower bound of the 95 % Wilson score interval for {@code successes} out of {@code trials}:
   * (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n), with p capped at 1.
   */
  static double wilsonLowerBound(double successes, long trials) {
    double n = trials;
    double p = Math.min(1, successes / n);
    double z2 = Z * Z;
    double centre = p + z2 / (2 * n);
    double spread = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return Math.max(0, (centre - spread) / (1 + z2 / n));
  }
}
