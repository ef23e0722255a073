package dev.chorus.schedule.internal;

import dev.chorus.connector.Checkpoint;
import dev.chorus.schedule.DispatchKey;
import dev.chorus.schedule.DispatchStore;
import dev.chorus.schedule.DispatchStoreException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A checkpoint written through to the dispatch store under the claim's fencing token; each write
 * also extends the lease. A write after the lease was lost fails, which stops the connector.
 */
public final class StoreCheckpoint implements Checkpoint {

  private final DispatchStore store;
  private final DispatchKey key;
  private final long token;
  private final Duration lease;
  private final Map<String, String> values;

  public StoreCheckpoint(DispatchStore store, DispatchKey key, long token, Map<String, String> initial,
      Duration lease) {
    this.store = store;
    this.key = key;
    this.token = token;
    this.lease = lease;
    this.values = new HashMap<>(initial);
  }

  @Override
  public synchronized Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  @Override
  public synchronized void put(String name, String value) {
    Map<String, String> next = new HashMap<>(values);
    next.put(name, value);
    if (!store.saveCheckpoint(key, token, next, lease)) {
      throw new DispatchStoreException("lease on " + key + " was lost; checkpoint not recorded", null);
    }
    values.put(name, value);
  }

  @Override
  public synchronized Map<String, String> snapshot() {
    return Map.copyOf(values);
  }

  @Override
  public synchronized String toString() {
    return "StoreCheckpoint" + values.keySet();
  }
}
