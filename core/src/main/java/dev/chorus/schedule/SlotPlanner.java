package dev.chorus.schedule;

import dev.chorus.connector.PublishingQuota;
import dev.chorus.model.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks a planned publication time against {@link PlanningRules} and the account's other planned
 * times, and finds the next time that keeps every rule. Pure functions: the caller supplies "now"
 * and the account's taken times.
 */
public final class SlotPlanner {

  /** How many jumps {@link #nextLegal} makes before it gives up. */
  private static final int MAX_STEPS = 100_000;

  private SlotPlanner() {}

  /**
   * Every rule the time breaks, in rule order; empty when it is legal.
   *
   * @param taken the account's other planned publication times
   */
  public static List<Conflict> check(
      Instant requested, Instant now, PlanningRules rules, Collection<Instant> taken) {
    Checks.required("requested", requested);
    List<Conflict> conflicts = new ArrayList<>();
    if (requested.isBefore(now)) {
      conflicts.add(new Conflict(SchedulingRule.IN_THE_PAST, requested, "now is " + now));
    }
    rules.blackoutAt(requested).ifPresent(window -> conflicts.add(new Conflict(
        SchedulingRule.BLACKOUT, requested,
        "blackout " + window.start() + " to " + window.end()
            + (window.reason().isEmpty() ? "" : ": " + window.reason()))));
    spacingConflict(requested, rules.minSpacing(), taken).ifPresent(other -> conflicts.add(new Conflict(
        SchedulingRule.MIN_SPACING, requested,
        "another post of the account is at " + other + ", closer than " + rules.minSpacing())));
    rules.publishingQuota().flatMap(quota -> quotaConflict(requested, quota, taken)).ifPresent(start ->
        conflicts.add(new Conflict(SchedulingRule.PUBLISHING_QUOTA, requested,
            "the window from " + start + " would hold more than " + rules.quota().maxPosts()
                + " posts in " + rules.quota().window())));
    return conflicts;
  }

  /**
   * The earliest time at or after {@code requested} (and not before {@code now}) that breaks no
   * rule, searching until {@code horizon}; empty when none exists before it.
   */
  public static Optional<Instant> nextLegal(
      Instant requested, Instant now, PlanningRules rules, Collection<Instant> taken, Instant horizon) {
    Instant candidate = requested.isBefore(now) ? now : requested;
    for (int step = 0; step < MAX_STEPS && candidate.isBefore(horizon); step++) {
      Instant next = candidate;
      Optional<BlackoutWindow> blackout = rules.blackoutAt(candidate);
      if (blackout.isPresent()) {
        next = later(next, blackout.get().end());
      }
      Optional<Instant> tooClose = spacingConflict(candidate, rules.minSpacing(), taken);
      if (tooClose.isPresent()) {
        next = later(next, tooClose.get().plus(rules.minSpacing()));
      }
      if (rules.quota() != null) {
        Optional<Instant> windowStart = quotaConflict(candidate, rules.quota(), taken);
        if (windowStart.isPresent()) {
          next = later(next, windowStart.get().plus(rules.quota().window()));
        }
      }
      if (next.equals(candidate)) {
        return Optional.of(candidate);
      }
      candidate = next;
    }
    return Optional.empty();
  }

  /**
   * The time to use under the mode: the requested time when it is legal, otherwise the next legal
   * one ({@link ConflictMode#NEXT_LEGAL}) or an error listing every conflict ({@link
   * ConflictMode#REJECT}).
   *
   * @throws SchedulingConflictException when the mode rejects, or no legal time exists before the
   *     horizon
   */
  public static Instant place(
      Instant requested, Instant now, PlanningRules rules, Collection<Instant> taken,
      ConflictMode mode, Instant horizon) {
    List<Conflict> conflicts = check(requested, now, rules, taken);
    if (conflicts.isEmpty()) {
      return requested;
    }
    if (mode == ConflictMode.REJECT) {
      throw new SchedulingConflictException(conflicts);
    }
    return nextLegal(requested, now, rules, taken, horizon).orElseThrow(() ->
        new SchedulingConflictException(List.of(new Conflict(SchedulingRule.NO_SLOT, requested,
            "no legal time before " + horizon))));
  }

  /** The latest other post closer than the spacing, if any. */
  private static Optional<Instant> spacingConflict(
      Instant candidate, Duration minSpacing, Collection<Instant> taken) {
    if (minSpacing.isZero()) {
      return Optional.empty();
    }
    Instant closest = null;
    for (Instant other : taken) {
      Duration gap = Duration.between(other, candidate).abs();
      if (gap.compareTo(minSpacing) < 0 && (closest == null || other.isAfter(closest))) {
        closest = other;
      }
    }
    return Optional.ofNullable(closest);
  }

  /**
   * The earliest start of a rolling window that contains the candidate and would hold more than the
   * quota allows with the candidate added. A window with too many posts can always slide right to
   * start at its first post and still hold them all and the candidate, so only window starts at a
   * post (or at the candidate) need checking.
   */
  static Optional<Instant> quotaConflict(Instant candidate, PublishingQuota quota, Collection<Instant> taken) {
    Duration window = quota.window();
    Instant low = candidate.minus(window);
    Instant high = candidate.plus(window);
    List<Instant> near = new ArrayList<>();
    for (Instant other : taken) {
      if (other.isAfter(low) && other.isBefore(high)) {
        near.add(other);
      }
    }
    near.add(candidate);
    near.sort(null);
    for (int i = 0; i < near.size(); i++) {
      Instant start = near.get(i);
      if (start.isAfter(candidate)) {
        break;
      }
      Instant end = start.plus(window);
      int count = 0;
      for (int j = i; j < near.size() && near.get(j).isBefore(end); j++) {
        count++;
      }
      if (count > quota.maxPosts()) {
        return Optional.of(start);
      }
    }
    return Optional.empty();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
