package dev.chorus.connector.http.oauth;

import java.util.Optional;

/** A byte-level key-value store (a file, a database table) that {@link EncryptedTokenStore} writes ciphertext to. */
public interface ByteStore {

  /** The stored bytes, if any. */
  Optional<byte[]> load(String key);

  /** Stores (replacing) the bytes durably. */
  void save(String key, byte[] value);

  /** Removes the entry. */
  void delete(String key);
}
