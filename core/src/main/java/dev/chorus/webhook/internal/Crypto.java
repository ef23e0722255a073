package dev.chorus.webhook.internal;

import dev.chorus.connector.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC, digests and constant-time comparison for webhook signatures. */
public final class Crypto {

  private Crypto() {}

  /** HMAC-SHA256 of the concatenated parts, keyed with the secret's UTF-8 bytes. */
  public static byte[] hmacSha256(Secret key, byte[]... parts) {
    return hmac("HmacSHA256", key, parts);
  }

  /** HMAC with the JCA algorithm name (HmacSHA1, HmacSHA256 …) over the concatenated parts. */
  public static byte[] hmac(String algorithm, Secret key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), algorithm));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available in this JVM", e);
    }
  }

  /** SHA-256 of the bytes as lower-case hex. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** UTF-8 bytes of the text. */
  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Decodes hex (either case), or {@code null} when it is not hex. */
  public static byte[] unhex(String text) {
    try {
      return HexFormat.of().parseHex(text.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Decodes standard base64, or {@code null} when it is not base64. */
  public static byte[] unbase64(String text) {
    try {
      return java.util.Base64.getDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Compares in time independent of where the arrays differ; {@code null} never matches. */
  public static boolean equal(byte[] expected, byte[] actual) {
    return expected != null && actual != null && MessageDigest.isEqual(expected, actual);
  }
}
