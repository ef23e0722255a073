package dev.chorus.webhook.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.webhook.DeliveryAttempt;
import dev.chorus.webhook.DeliveryLog;
import java.util.ArrayDeque;
import java.util.List;

/** A bounded, synchronised ring of the most recent attempts. */
public final class InMemoryDeliveryLog implements DeliveryLog {

  private final int capacity;
  private final ArrayDeque<DeliveryAttempt> attempts = new ArrayDeque<>();

  /** A log keeping at most {@code capacity} attempts. */
  public InMemoryDeliveryLog(int capacity) {
    if (capacity < 1) {
      throw new InvalidValueException("deliveryLog.capacity", capacity, "must be at least 1");
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized void record(DeliveryAttempt attempt) {
    attempts.addLast(Checks.required("attempt", attempt));
    while (attempts.size() > capacity) {
      attempts.removeFirst();
    }
  }

  @Override
  public synchronized List<DeliveryAttempt> attempts() {
    return List.copyOf(attempts);
  }
}
