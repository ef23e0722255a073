package dev.chorus.connector.http.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.CredentialsRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EncryptedTokenStoreTest {

  private static final CredentialsRef A = CredentialsRef.of("acct-a");
  private static final CredentialsRef B = CredentialsRef.of("acct-b");
  private static final OAuthTokens TOKENS = OAuthTokens.builder().accessToken("access-SECRET")
      .refreshToken("refresh-SECRET").expiresAt(Instant.parse("2026-01-01T14:00:00Z")).scope("read write")
      .attribute("did", "did:plc:abc").build();

  private static SecretKey key(int seed) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) seed);
    return new SecretKeySpec(bytes, "AES");
  }

  @Test
  void round_trips_and_keeps_no_plaintext() {
    InMemoryByteStore bytes = new InMemoryByteStore();
    EncryptedTokenStore store = new EncryptedTokenStore(bytes, key(1));
    store.save(A, TOKENS);
    assertThat(store.load(A)).contains(TOKENS);
    String raw = new String(bytes.load(A.value()).orElseThrow(), StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain("SECRET").doesNotContain("did:plc");
  }

  @Test
  void each_write_uses_a_fresh_nonce() {
    InMemoryByteStore bytes = new InMemoryByteStore();
    EncryptedTokenStore store = new EncryptedTokenStore(bytes, key(1));
    store.save(A, TOKENS);
    byte[] first = bytes.load(A.value()).orElseThrow();
    store.save(A, TOKENS);
    byte[] second = bytes.load(A.value()).orElseThrow();
    assertThat(Arrays.copyOfRange(first, 1, 13)).isNotEqualTo(Arrays.copyOfRange(second, 1, 13));
  }

  @Test
  void a_tampered_entry_is_a_typed_error() {
    InMemoryByteStore bytes = new InMemoryByteStore();
    EncryptedTokenStore store = new EncryptedTokenStore(bytes, key(1));
    store.save(A, TOKENS);
    byte[] entry = bytes.load(A.value()).orElseThrow();
    entry[entry.length - 5] ^= 0x01;
    bytes.save(A.value(), entry);
    assertThatThrownBy(() -> store.load(A)).isInstanceOf(TokenStoreException.class).hasMessageContaining("acct-a");
  }

  @Test
  void ciphertext_moved_to_another_reference_is_a_typed_error() {
    InMemoryByteStore bytes = new InMemoryByteStore();
    EncryptedTokenStore store = new EncryptedTokenStore(bytes, key(1));
    store.save(A, TOKENS);
    bytes.save(B.value(), bytes.load(A.value()).orElseThrow());
    assertThatThrownBy(() -> store.load(B)).isInstanceOf(TokenStoreException.class);
    assertThat(store.load(A)).contains(TOKENS);
  }

  @Test
  void a_wrong_key_is_a_typed_error() {
    InMemoryByteStore bytes = new InMemoryByteStore();
    new EncryptedTokenStore(bytes, key(1)).save(A, TOKENS);
    assertThatThrownBy(() -> new EncryptedTokenStore(bytes, key(2)).load(A))
        .isInstanceOf(TokenStoreException.class).hasMessageNotContaining("SECRET");
  }

  @Test
  void rejects_a_key_that_is_not_aes_of_a_valid_length() {
    assertThatThrownBy(() -> new EncryptedTokenStore(new InMemoryByteStore(), new SecretKeySpec(new byte[7], "AES")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("key"));
  }

  @Test
  void a_missing_entry_is_empty_and_delete_removes() {
    EncryptedTokenStore store = new EncryptedTokenStore(new InMemoryByteStore(), key(1));
    assertThat(store.load(A)).isEmpty();
    store.save(A, TOKENS);
    store.delete(A);
    assertThat(store.load(A)).isEmpty();
  }
}
