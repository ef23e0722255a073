package dev.chorus.analytics;

import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import java.time.Instant;
import java.util.Map;

/**
 * What one {@link MetricsCollector#refreshRound()} did.
 *
 * @param at the collector clock's instant when the round started
 * @param due posts whose refresh was due (on platforms not deferred)
 * @param metricsCalls metrics requests made, per platform
 * @param snapshotsWritten snapshots appended to the store
 * @param deferred platforms skipped or stopped because of a rate limit, with the instant they may be called again
 * @param failedBatches batches that failed for a reason other than a rate limit (their posts stay due)
 */
public record RefreshReport(
    Instant at,
    int due,
    Map<Platform, Integer> metricsCalls,
    int snapshotsWritten,
    Map<Platform, Instant> deferred,
    int failedBatches) {

  /** Copies the maps. */
  public RefreshReport {
    Checks.required("refreshReport.at", at);
    metricsCalls = Checks.map("refreshReport.metricsCalls", metricsCalls);
    deferred = Checks.map("refreshReport.deferred", deferred);
  }

  /** Metrics requests made to the platform in this round. */
  public int calls(Platform platform) {
    return metricsCalls.getOrDefault(platform, 0);
  }
}
