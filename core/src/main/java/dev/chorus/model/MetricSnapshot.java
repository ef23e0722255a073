package dev.chorus.model;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Lifetime counters of one post (or of the account itself) as read at one instant. A metric the
 * platform did not report is absent, never zero: {@link #value} returns empty for it.
 *
 * @param externalPostId the platform's post id, or {@code null} for account-level metrics
 */
public record MetricSnapshot(
    Platform platform,
    AccountId accountId,
    String externalPostId,
    Instant capturedAt,
    Map<Metric, Long> values) {

  public MetricSnapshot {
    Checks.required("snapshot.platform", platform);
    Checks.required("snapshot.accountId", accountId);
    Checks.blankToNull("snapshot.externalPostId", externalPostId);
    Checks.required("snapshot.capturedAt", capturedAt);
    values = Checks.counters("snapshot.values", values);
  }

  /** The counter's value, or empty when the platform did not report it. */
  public OptionalLong value(Metric metric) {
    Long value = values.get(metric);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** Whether this snapshot is of the account rather than a post. */
  public boolean accountLevel() {
    return externalPostId == null;
  }
}
