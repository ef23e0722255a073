package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link ScheduleIntent} into the instant a post goes out, keeping the account's
 * {@link PlanningRules}: a rule broken is a {@link SchedulingConflictException} or the next legal
 * time, as the context's {@link ConflictMode} says, at planning time rather than a 429 at
 * publishing time. Stateless and thread-safe.
 */
public final class Planner {

  /** How far ahead planning searches by default. */
  public static final Duration DEFAULT_HORIZON = Duration.ofDays(7 * 26);

  private final Clock clock;
  private final SlotSuggester suggester;
  private final Duration horizon;

  /** A planner on the clock, with the suggester for "best time" and the search horizon. */
  public Planner(Clock clock, SlotSuggester suggester, Duration horizon) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.suggester = Objects.requireNonNull(suggester, "suggester");
    Checks.required("horizon", horizon);
    if (horizon.isNegative() || horizon.isZero()) {
      throw new InvalidValueException("horizon", horizon, "must be positive");
    }
    this.horizon = horizon;
  }

  /** A planner with no suggester and the default horizon. */
  public Planner(Clock clock) {
    this(clock, SlotSuggester.NONE, DEFAULT_HORIZON);
  }

  /**
   * The instant of the post's (first) publication.
   *
   * @throws SchedulingConflictException when no legal time exists or the context rejects conflicts
   * @throws NonexistentLocalTimeException when a local time falls in a DST gap the policy rejects
   */
  public Instant plan(ScheduleIntent intent, PlanningContext context) {
    Checks.required("intent", intent);
    Checks.required("context", context);
    Instant now = clock.instant();
    ZoneId accountZone = context.account().timeZone();
    if (intent instanceof ScheduleIntent.At at) {
      return place(at.instant(), now, context);
    }
    if (intent instanceof ScheduleIntent.AtLocal local) {
      ZoneId zone = local.explicitZone().orElse(accountZone);
      Instant instant = local.dst().resolve(local.local(), zone).orElseThrow(() -> noSlot(now,
          local.local() + " does not exist in " + zone + " and the DST policy skips it"));
      return place(instant, now, context);
    }
    if (intent instanceof ScheduleIntent.QueueSlot slot) {
      Instant after = slot.notBefore() == null || slot.notBefore().isBefore(now) ? now : slot.notBefore();
      return nextQueueSlot(after.minusNanos(1), now, context);
    }
    if (intent instanceof ScheduleIntent.Recurring recurring) {
      List<Instant> first = occurrences(recurring, accountZone, now, now.plus(horizon), 1);
      if (first.isEmpty()) {
        throw noSlot(now, "the rule " + recurring.rule() + " has no occurrence before " + now.plus(horizon));
      }
      return place(first.get(0), now, context);
    }
    ScheduleIntent.BestTime best = (ScheduleIntent.BestTime) intent;
    return bestTime(best, now, context);
  }

  /**
   * The occurrences of a recurrence in {@code [from, to)}, at most {@code max}, each converted from
   * local time in its zone (the account's unless the intent names one) under its DST policy.
   */
  public List<Instant> occurrences(
      ScheduleIntent.Recurring recurring, ZoneId accountZone, Instant from, Instant to, int max) {
    ZoneId zone = recurring.zone() == null ? accountZone : recurring.zone();
    return recurring.recurrence().occurrences(recurring.start(), zone, recurring.dst(), from, to, max);
  }

  private Instant place(Instant requested, Instant now, PlanningContext context) {
    return SlotPlanner.place(
        requested, now, context.rules(), context.taken(), context.mode(), now.plus(horizon));
  }

  private Instant nextQueueSlot(Instant after, Instant now, PlanningContext context) {
    WeeklySlots queue = context.weeklyQueue().orElseThrow(() -> new InvalidValueException(
        "queue", null, "account " + context.account().id().value() + " has no queue slots"));
    int weeks = (int) Math.max(1, horizon.toDays() / 7);
    return queue.nextFree(after, context.account().timeZone(), DstPolicy.DEFAULT,
            candidate -> context.taken().contains(candidate)
                || !SlotPlanner.check(candidate, now, context.rules(), context.taken()).isEmpty(),
            weeks)
        .orElseThrow(() -> noSlot(after, "every queue slot in the next " + weeks + " weeks is taken or breaks a rule"));
  }

  private Instant bestTime(ScheduleIntent.BestTime best, Instant now, PlanningContext context) {
    Instant from = best.from().isBefore(now) ? now : best.from();
    for (Instant suggestion : suggester.suggest(context.account(), from, best.to())) {
      if (!suggestion.isBefore(from) && suggestion.isBefore(best.to())
          && SlotPlanner.check(suggestion, now, context.rules(), context.taken()).isEmpty()) {
        return suggestion;
      }
    }
    Optional<WeeklySlots> queue = context.weeklyQueue();
    if (queue.isPresent()) {
      Instant slot = nextQueueSlot(from.minusNanos(1), now, context);
      if (slot.isBefore(best.to())) {
        return slot;
      }
    }
    throw noSlot(from, "no suggested or queue time between " + from + " and " + best.to() + " keeps every rule");
  }

  private static SchedulingConflictException noSlot(Instant requested, String detail) {
    return new SchedulingConflictException(List.of(new Conflict(SchedulingRule.NO_SLOT, requested, detail)));
  }
}
