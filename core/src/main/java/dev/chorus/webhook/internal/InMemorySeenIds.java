package dev.chorus.webhook.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.webhook.SeenIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, thread-safe {@link SeenIds}: keys in insertion order with the instant they expire,
 * expired ones dropped from the head on each call, the oldest evicted beyond the maximum size.
 */
public final class InMemorySeenIds implements SeenIds {

  private final int maxSize;
  private final Duration ttl;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();

  /** A set holding at most {@code maxSize} keys for {@code ttl} each. */
  public InMemorySeenIds(int maxSize, Duration ttl, Clock clock) {
    if (maxSize < 1) {
      throw new InvalidValueException("seenIds.maxSize", maxSize, "must be at least 1");
    }
    Checks.required("seenIds.ttl", ttl);
    if (ttl.isNegative() || ttl.isZero()) {
      throw new InvalidValueException("seenIds.ttl", ttl, "must be positive");
    }
    this.maxSize = maxSize;
    this.ttl = ttl;
    this.clock = Checks.required("seenIds.clock", clock);
  }

  @Override
  public synchronized boolean firstSeen(String key) {
    Checks.notBlank("seenIds.key", key);
    Instant now = clock.instant();
    Instant expiry = expiries.get(key);
    if (expiry != null && now.isBefore(expiry)) {
      return false;
    }
    expiries.remove(key);
    // Insertion order is expiry order as long as the clock does not go back; a key that expires
    // later behind an expired one only stays a little longer, which errs on the safe side.
    for (Iterator<Map.Entry<String, Instant>> it = expiries.entrySet().iterator(); it.hasNext(); ) {
      if (now.isBefore(it.next().getValue())) {
        break;
      }
      it.remove();
    }
    expiries.put(key, now.plus(ttl));
    while (expiries.size() > maxSize) {
      Iterator<String> oldest = expiries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /** How many keys are held. */
  public synchronized int size() {
    return expiries.size();
  }

  @Override
  public String toString() {
    return "InMemorySeenIds[maxSize=" + maxSize + ", ttl=" + ttl + "]";
  }
}
