package dev.chorus.webhook;

import dev.chorus.webhook.internal.InMemorySeenIds;
import java.time.Clock;
import java.time.Duration;

/**
 * Remembers the ids of webhook events already processed, so a redelivered event is dropped. The
 * in-memory implementation serves one node; a cluster supplies its own shared implementation (a
 * database table with a unique key, a cache with set-if-absent). Implementations are thread-safe.
 */
public interface SeenIds {

  /**
   * Records the key and tells whether it is new. Atomic: of several concurrent calls with the same
   * key, exactly one returns {@code true}.
   *
   * @param key a platform-qualified event id, such as {@code instagram:17865799348089039}
   * @return {@code true} the first time, {@code false} while the key is remembered
   */
  boolean firstSeen(String key);

  /**
   * A bounded in-memory set: a key is forgotten after {@code ttl} on the clock, and the oldest keys
   * are forgotten first when more than {@code maxSize} are held.
   */
  static SeenIds inMemory(int maxSize, Duration ttl, Clock clock) {
    return new InMemorySeenIds(maxSize, ttl, clock);
  }
}
