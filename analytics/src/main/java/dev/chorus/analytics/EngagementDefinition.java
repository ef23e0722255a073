package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which counters count as an "engagement" on one platform: data, not code, so callers can match
 * the number their platform's native analytics or their reporting tool shows.
 *
 * @param platform the platform it applies to
 * @param metrics the counters summed into engagements; at least one
 */
public record EngagementDefinition(Platform platform, Set<Metric> metrics) {

  /** Validates and copies. */
  public EngagementDefinition {
    Checks.required("engagement.platform", platform);
    metrics = Checks.sortedSet("engagement.metrics", metrics, Comparator.comparing(Metric::name));
    if (metrics.isEmpty()) {
      throw new InvalidValueException("engagement.metrics", "[]", "must name at least one metric");
    }
  }

  /** A definition counting these metrics. */
  public static EngagementDefinition of(Platform platform, Metric... metrics) {
    return new EngagementDefinition(platform, Set.of(metrics));
  }

  /**
   * The sum of the counted metrics that are present; empty when none is present (no data is not
   * zero). An absent metric contributes nothing, because a platform that does not report it has
   * no value to add.
   */
  public OptionalLong engagements(Map<Metric, Long> values) {
    long sum = 0;
    boolean any = false;
    for (Metric metric : metrics) {
      Long value = values.get(metric);
      if (value != null) {
        sum = Math.addExact(sum, value);
        any = true;
      }
    }
    return any ? OptionalLong.of(sum) : OptionalLong.empty();
  }
}
