package dev.chorus.webhook;

import dev.chorus.connector.Secret;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.webhook.internal.Crypto;
import java.time.Duration;
import java.time.Instant;

/**
 * The signature Chorus puts on its own webhooks: {@code X-Chorus-Signature: t=<epoch
 * seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. Receivers check it with {@link #verify},
 * which also refuses a timestamp outside the tolerance. Stateless and thread-safe.
 */
public final class ChorusWebhookSignature {

  /** The header carrying the signature. */
  public static final String SIGNATURE_HEADER = "X-Chorus-Signature";
  /** The header carrying the delivery id, the same on every retry of one delivery. */
  public static final String DELIVERY_HEADER = "X-Chorus-Delivery";
  /** The header carrying the event type. */
  public static final String EVENT_HEADER = "X-Chorus-Event";
  /** The platform named in exceptions about Chorus's own signature. */
  public static final Platform CHORUS = Platform.of("chorus");

  private ChorusWebhookSignature() {}

  /** The header value signing the body at the instant (truncated to seconds). */
  public static String sign(Secret secret, Instant at, byte[] body) {
    Checks.required("secret", secret);
    Checks.required("body", body);
    long t = Checks.required("at", at).getEpochSecond();
    return "t=" + t + ",v1=" + Crypto.hex(Crypto.hmacSha256(secret, Crypto.utf8(t + "."), body));
  }

  /**
   * Checks a header value against the body. Any {@code v1} entry may match, so a sender rotating
   * secrets can send two.
   *
   * @param now the receiver's time
   * @param tolerance how far the signed timestamp may be from {@code now}
   * @throws WebhookSignatureException the header is missing, malformed or does not match
   * @throws WebhookReplayException the signature matches but the timestamp is outside the tolerance
   */
  public static void verify(Secret secret, String header, byte[] body, Instant now, Duration tolerance) {
    Checks.required("secret", secret);
    Checks.required("body", body);
    Checks.required("now", now);
    Checks.required("tolerance", tolerance);
    if (header == null || header.isBlank()) {
      throw new WebhookSignatureException(CHORUS, SIGNATURE_HEADER, "is missing");
    }
    String t = null;
    java.util.List<byte[]> candidates = new java.util.ArrayList<>();
    for (String element : header.split(",")) {
      int eq = element.indexOf('=');
      if (eq > 0) {
        String key = element.substring(0, eq).trim();
        String value = element.substring(eq + 1).trim();
        if (key.equals("t")) {
          t = value;
        } else if (key.equals("v1")) {
          candidates.add(Crypto.unhex(value));
        }
      }
    }
    long epoch;
    try {
      epoch = Long.parseLong(t == null ? "" : t);
    } catch (NumberFormatException e) {
      throw new WebhookSignatureException(CHORUS, SIGNATURE_HEADER, "is malformed (expected t=<epoch>,v1=<hex>)");
    }
    if (candidates.isEmpty()) {
      throw new WebhookSignatureException(CHORUS, SIGNATURE_HEADER, "is malformed (expected t=<epoch>,v1=<hex>)");
    }
    byte[] expected = Crypto.hmacSha256(secret, Crypto.utf8(t + "."), body);
    boolean match = false;
    for (byte[] candidate : candidates) {
      match |= Crypto.equal(expected, candidate);
    }
    if (!match) {
      throw new WebhookSignatureException(CHORUS, SIGNATURE_HEADER, "does not match");
    }
    Instant signedAt = Instant.ofEpochSecond(epoch);
    if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
      throw new WebhookReplayException(CHORUS, signedAt, now, tolerance);
    }
  }
}
