package dev.chorus.webhook;

import dev.chorus.webhook.internal.InMemoryDeliveryLog;
import java.util.List;

/**
 * Where {@link WebhookDispatcher} records each delivery attempt, for the host to read (a status
 * page, a "redeliver" button). Implementations are thread-safe.
 */
public interface DeliveryLog {

  /** Records an attempt. */
  void record(DeliveryAttempt attempt);

  /** The attempts held, oldest first. */
  List<DeliveryAttempt> attempts();

  /** A thread-safe in-memory log keeping the most recent {@code capacity} attempts. */
  static DeliveryLog inMemory(int capacity) {
    return new InMemoryDeliveryLog(capacity);
  }
}
