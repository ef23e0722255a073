package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a post should go out, kept as the user wrote it. A local time stays a local time plus a
 * zone, so a DST change or a time-zone database update moves the instant, never the wall-clock
 * time; the instant is worked out by {@link Planner} when the post is planned and again for each
 * occurrence of a recurrence.
 */
public sealed interface ScheduleIntent {

  /** At this instant. */
  static ScheduleIntent at(Instant instant) {
    return new At(instant);
  }

  /** At this wall-clock time in the account's zone, under the default DST policy. */
  static ScheduleIntent atLocal(LocalDateTime local) {
    return new AtLocal(local, null, DstPolicy.DEFAULT);
  }

  /** At this wall-clock time in the zone, under the DST policy. */
  static ScheduleIntent atLocal(LocalDateTime local, ZoneId zone, DstPolicy dst) {
    return new AtLocal(local, zone, dst);
  }

  /** The next free slot of the account's queue. */
  static ScheduleIntent nextQueueSlot() {
    return new QueueSlot(null);
  }

  /** Every occurrence of the RFC 5545 rule from the local start, in the account's zone. */
  static ScheduleIntent recurring(String rrule, LocalDateTime start) {
    return new Recurring(rrule, start, null, DstPolicy.DEFAULT);
  }

  /** The best time the slot suggester knows in the window. */
  static ScheduleIntent bestTime(Instant from, Instant to) {
    return new BestTime(from, to);
  }

  /** At an instant. */
  record At(Instant instant) implements ScheduleIntent {
    public At {
      Checks.required("intent.instant", instant);
    }
  }

  /**
   * At a wall-clock time.
   *
   * @param zone the zone, or {@code null} for the account's
   */
  record AtLocal(LocalDateTime local, ZoneId zone, DstPolicy dst) implements ScheduleIntent {
    public AtLocal {
      Checks.required("intent.local", local);
      Checks.required("intent.dst", dst);
    }

    /** The zone, if one was given. */
    public Optional<ZoneId> explicitZone() {
      return Optional.ofNullable(zone);
    }
  }

  /**
   * The next free slot of the account's weekly queue.
   *
   * @param notBefore the earliest time to consider, or {@code null} for now
   */
  record QueueSlot(Instant notBefore) implements ScheduleIntent {}

  /**
   * A recurrence, evaluated in local time and converted per occurrence.
   *
   * @param rule the RFC 5545 RRULE as written
   * @param zone the zone, or {@code null} for the account's
   */
  record Recurring(String rule, LocalDateTime start, ZoneId zone, DstPolicy dst) implements ScheduleIntent {
    public Recurring {
      Checks.notBlank("intent.rule", rule);
      Recurrence.parse(rule); // rejects a bad rule now, naming it
      Checks.required("intent.start", start);
      Checks.required("intent.dst", dst);
    }

    /** The parsed rule. */
    public Recurrence recurrence() {
      return Recurrence.parse(rule);
    }
  }

  /** The best-ranked suggestion in {@code [from, to)}. */
  record BestTime(Instant from, Instant to) implements ScheduleIntent {
    public BestTime {
      Checks.required("intent.from", from);
      Checks.required("intent.to", to);
      if (!to.isAfter(from)) {
        throw new InvalidValueException("intent.to", to, "must be after intent.from " + from);
      }
    }
  }
}
