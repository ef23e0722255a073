package dev.chorus.connector.http.oauth;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.http.internal.TokenCodec;
import dev.chorus.model.CredentialsRef;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A {@link TokenStore} that encrypts every entry with AES-GCM before it reaches a {@link ByteStore}.
 * The host supplies the key; each write uses a fresh random 96-bit nonce; the credentials reference
 * is bound as associated data, so an entry copied to another reference fails to decrypt.
 */
public final class EncryptedTokenStore implements TokenStore {

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String AAD_PREFIX = "chorus-credentials-v1:";

  private final ByteStore bytes;
  private final SecretKey key;
  private final SecureRandom random;

  /**
   * @param bytes where ciphertext is kept
   * @param key an AES key of 128, 192 or 256 bits
   */
  public EncryptedTokenStore(ByteStore bytes, SecretKey key) {
    this(bytes, key, new SecureRandom());
  }

  /** As {@link #EncryptedTokenStore(ByteStore, SecretKey)} with a given source of nonces. */
  public EncryptedTokenStore(ByteStore bytes, SecretKey key, SecureRandom random) {
    if (bytes == null) {
      throw new InvalidValueException("bytes", null, "is required");
    }
    if (key == null || !"AES".equalsIgnoreCase(key.getAlgorithm()) || key.getEncoded() == null
        || !(key.getEncoded().length == 16 || key.getEncoded().length == 24 || key.getEncoded().length == 32)) {
      throw new InvalidValueException("key", key == null ? null : "<" + key.getAlgorithm() + " key>",
          "must be an AES key of 128, 192 or 256 bits");
    }
    this.bytes = bytes;
    this.key = key;
    this.random = random;
  }

  @Override
  public Optional<OAuthTokens> load(CredentialsRef ref) {
    Optional<byte[]> stored = bytes.load(ref.value());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    byte[] entry = stored.get();
    if (entry.length < 1 + NONCE_BYTES + TAG_BITS / 8 || entry[0] != VERSION) {
      throw unreadable(ref, null);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, entry, 1, NONCE_BYTES));
      cipher.updateAAD(aad(ref));
      byte[] plain = cipher.doFinal(entry, 1 + NONCE_BYTES, entry.length - 1 - NONCE_BYTES);
      OAuthTokens tokens = TokenCodec.decode(plain);
      if (tokens == null) {
        throw unreadable(ref, null);
      }
      return Optional.of(tokens);
    } catch (GeneralSecurityException failed) {
      throw unreadable(ref, failed);
    }
  }

  @Override
  public void save(CredentialsRef ref, OAuthTokens tokens) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(ref));
      byte[] sealed = cipher.doFinal(TokenCodec.encode(tokens));
      bytes.save(ref.value(), ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(VERSION).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException failed) {
      throw new TokenStoreException("could not encrypt credentials " + ref.value(), failed);
    }
  }

  @Override
  public void delete(CredentialsRef ref) {
    bytes.delete(ref.value());
  }

  private static byte[] aad(CredentialsRef ref) {
    return TokenCodec.utf8(AAD_PREFIX + ref.value());
  }

  private static TokenStoreException unreadable(CredentialsRef ref, Throwable cause) {
    return new TokenStoreException(
        "credentials " + ref.value() + " cannot be decrypted: wrong key, tampered entry, or an entry "
            + "copied from another reference", cause);
  }

  @Override
  public String toString() {
    return "EncryptedTokenStore[" + bytes + "]";
  }
}
