package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The scheduling settings an account keeps in the {@link dev.chorus.store.ChorusStore}: its weekly
 * posting queue and the least time between two of its posts. {@link SchedulingSettings} reads and
 * writes it.
 *
 * @param queue the weekly queue slots in week order; empty when the account has no queue
 * @param minSpacing the least time between two posts of the account, {@link Duration#ZERO} for none
 */
public record AccountScheduling(List<WeeklySlots.Slot> queue, Duration minSpacing) {

  /** No queue and no spacing: what an account has until anything is set. */
  public static final AccountScheduling DEFAULT = new AccountScheduling(List.of(), Duration.ZERO);

  public AccountScheduling {
    queue = queue == null || queue.isEmpty() ? List.of() : WeeklySlots.of(queue).slots();
    if (minSpacing == null || minSpacing.isNegative()) {
      throw new InvalidValueException("minSpacing", minSpacing, "must not be negative");
    }
  }

  /** The weekly queue, if the account has one. */
  public Optional<WeeklySlots> weeklyQueue() {
    return queue.isEmpty() ? Optional.empty() : Optional.of(WeeklySlots.of(queue));
  }

  /** These settings with the queue replaced ({@code null} removes it). */
  public AccountScheduling withQueue(WeeklySlots slots) {
    return new AccountScheduling(slots == null ? List.of() : slots.slots(), minSpacing);
  }

  /** These settings with the minimum spacing replaced. */
  public AccountScheduling withMinSpacing(Duration value) {
    return new AccountScheduling(queue, Checks.required("minSpacing", value));
  }
}
