package dev.chorus.analytics;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A volume far above its seasonal baseline: more mentions or negative interactions in one bucket
 * than the same bucket of previous seasons (for example the same weekday) would explain. Published
 * to listeners as a {@link ChorusEvent}.
 *
 * @param at when the anomaly was detected, on the Chorus clock
 * @param workspaceId the workspace, or {@code null} for an instance-wide series
 * @param accountId the account watched, or {@code null} for a brand-wide series
 * @param bucketStart the start of the anomalous bucket
 * @param expected the seasonal baseline (median of the same bucket in previous seasons)
 * @param score the robust z-score: (observed − expected) ÷ robust spread
 */
public record AnomalyAlert(Instant at, WorkspaceId workspaceId, AccountId accountId, AnomalySignal signal,
    Instant bucketStart, Duration bucketLength, long observed, double expected, double score) implements ChorusEvent {

  /** Validates. */
  public AnomalyAlert {
    Checks.required("alert.at", at);
    Checks.required("alert.signal", signal);
    Checks.required("alert.bucketStart", bucketStart);
    Checks.required("alert.bucketLength", bucketLength);
  }

  @Override
  public Optional<WorkspaceId> workspace() {
    return Optional.ofNullable(workspaceId);
  }
}
