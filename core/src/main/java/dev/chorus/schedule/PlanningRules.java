package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.PublishingQuota;
import dev.chorus.model.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules a planned publication time must keep, gathered for one account: the workspace's
 * blackout windows, the account's minimum spacing between posts and the platform's rolling
 * publishing quota.
 *
 * @param blackouts the workspace's blackout windows
 * @param minSpacing the least time between two posts of the account ({@link Duration#ZERO} for none)
 * @param quota the platform's rolling quota, or {@code null} for none
 */
public record PlanningRules(List<BlackoutWindow> blackouts, Duration minSpacing, PublishingQuota quota) {

  /** No blackouts, no spacing, no quota. */
  public static final PlanningRules NONE = new PlanningRules(List.of(), Duration.ZERO, null);

  public PlanningRules {
    blackouts = Checks.list("rules.blackouts", blackouts);
    Checks.required("rules.minSpacing", minSpacing);
    if (minSpacing.isNegative()) {
      throw new InvalidValueException("rules.minSpacing", minSpacing, "must not be negative");
    }
  }

  /** The quota, if any. */
  public Optional<PublishingQuota> publishingQuota() {
    return Optional.ofNullable(quota);
  }

  /** A copy with these blackout windows. */
  public PlanningRules withBlackouts(List<BlackoutWindow> windows) {
    return new PlanningRules(windows, minSpacing, quota);
  }

  /** A copy with this minimum spacing. */
  public PlanningRules withMinSpacing(Duration spacing) {
    return new PlanningRules(blackouts, spacing, quota);
  }

  /** A copy with this quota ({@code null} for none). */
  public PlanningRules withQuota(PublishingQuota newQuota) {
    return new PlanningRules(blackouts, minSpacing, newQuota);
  }

  /** The blackout window containing the instant, if any. */
  Optional<BlackoutWindow> blackoutAt(Instant instant) {
    return blackouts.stream().filter(window -> window.contains(instant)).findFirst();
  }
}
