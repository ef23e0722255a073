package dev.chorus.connector.http.oauth;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ByteStore} in memory, for tests. */
public final class InMemoryByteStore implements ByteStore {

  private final ConcurrentHashMap<String, byte[]> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<byte[]> load(String key) {
    return Optional.ofNullable(entries.get(key)).map(byte[]::clone);
  }

  @Override
  public void save(String key, byte[] value) {
    entries.put(key, value.clone());
  }

  @Override
  public void delete(String key) {
    entries.remove(key);
  }

  @Override
  public String toString() {
    return "InMemoryByteStore[" + entries.size() + " entries]";
  }
}
