package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An account's posting queue: the weekly wall-clock times it posts at (Monday 09:00, Wednesday
 * 12:30, ...), read in the account's zone. "Add to queue" takes the next slot that is free.
 */
public final class WeeklySlots {

  /** One slot of the week. */
  public record Slot(DayOfWeek day, LocalTime time) implements Comparable<Slot> {
    public Slot {
      dev.chorus.model.Checks.required("slot.day", day);
      dev.chorus.model.Checks.required("slot.time", time);
    }

    @Override
    public int compareTo(Slot other) {
      int byDay = day.compareTo(other.day);
      return byDay != 0 ? byDay : time.compareTo(other.time);
    }
  }

  private final List<Slot> slots;

  private WeeklySlots(Collection<Slot> slots) {
    this.slots = List.copyOf(new TreeSet<>(slots));
  }

  /** A table with the slots (duplicates collapse). */
  public static WeeklySlots of(Collection<Slot> slots) {
    if (slots == null || slots.isEmpty()) {
      throw new InvalidValueException("slots", slots, "a queue needs at least one weekly slot");
    }
    return new WeeklySlots(slots);
  }

  /** The same times on every day of the given days. */
  public static WeeklySlots daily(Collection<DayOfWeek> days, LocalTime... times) {
    List<Slot> all = new ArrayList<>();
    for (DayOfWeek day : days) {
      for (LocalTime time : times) {
        all.add(new Slot(day, time));
      }
    }
    return of(all);
  }

  /** The slots in week order. */
  public List<Slot> slots() {
    return slots;
  }

  /**
   * The first slot strictly after {@code after} that {@code taken} does not reject, searching at
   * most {@code horizonWeeks} weeks ahead.
   */
  public Optional<Instant> nextFree(
      Instant after, ZoneId zone, DstPolicy policy, Predicate<Instant> taken, int horizonWeeks) {
    LocalDate day = LocalDateTime.ofInstant(after, zone).toLocalDate().minusDays(1);
    LocalDate end = day.plusWeeks(horizonWeeks).plusDays(2);
    for (; day.isBefore(end); day = day.plusDays(1)) {
      for (Slot slot : slots) {
        if (slot.day() != day.getDayOfWeek()) {
          continue;
        }
        Optional<Instant> instant = policy.resolve(LocalDateTime.of(day, slot.time()), zone);
        if (instant.isPresent() && instant.get().isAfter(after) && !taken.test(instant.get())) {
          return instant;
        }
      }
    }
    return Optional.empty();
  }

  /** Equal when the slots are the same. */
  @Override
  public boolean equals(Object other) {
    return other instanceof WeeklySlots that && slots.equals(that.slots);
  }

  @Override
  public int hashCode() {
    return slots.hashCode();
  }

  @Override
  public String toString() {
    return "WeeklySlots" + slots;
  }
}
