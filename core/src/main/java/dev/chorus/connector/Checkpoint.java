package dev.chorus.connector;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Durable notes a connector keeps during a multi-step publish (uploaded media ids, a container id,
 * an upload session URL), so that a retry after a crash resumes from the recorded step instead of
 * starting over. The scheduling engine persists them with the target; {@link #inMemory()} keeps
 * them for one process.
 */
public interface Checkpoint {

  /** The value recorded under the key, if any. */
  Optional<String> get(String key);

  /** Records a value; it must be durable before this returns. */
  void put(String key, String value);

  /** Everything recorded so far. */
  Map<String, String> snapshot();

  /** A checkpoint held in memory. */
  static Checkpoint inMemory() {
    return new Checkpoint() {
      private final Map<String, String> values = new ConcurrentHashMap<>();

      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
      }

      @Override
      public void put(String key, String value) {
        values.put(key, value);
      }

      @Override
      public Map<String, String> snapshot() {
        return Map.copyOf(values);
      }

      @Override
      public String toString() {
        return "Checkpoint" + values.keySet();
      }
    };
  }
}
