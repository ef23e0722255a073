package dev.chorus.webhook.internal;

import dev.chorus.connector.Secret;
import dev.chorus.model.Platform;
import dev.chorus.webhook.WebhookItem;
import dev.chorus.webhook.WebhookReplayException;
import dev.chorus.webhook.WebhookRequest;
import dev.chorus.webhook.WebhookResult;
import dev.chorus.webhook.WebhookSettings;
import dev.chorus.webhook.WebhookSignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * TikTok for Developers webhooks: {@code TikTok-Signature: t=…,s=…} where {@code s} is the hex
 * HMAC-SHA256 of {@code t + "." + body}; the signed timestamp must be inside the window.
 */
public final class TikTokVerifier extends BaseVerifier {

  static final String SIGNATURE = "TikTok-Signature";

  private final Secret clientSecret;

  /** A verifier keyed with the app's client secret. */
  public TikTokVerifier(Secret clientSecret, WebhookSettings settings) {
    super(Platform.TIKTOK, clientSecret, settings);
    this.clientSecret = clientSecret;
  }

  @Override
  public WebhookResult verify(WebhookRequest request) {
    if (!"POST".equals(request.method())) {
      throw unsupportedMethod(request);
    }
    String timestamp = null;
    String signature = null;
    for (String element : requireHeader(request, SIGNATURE).split(",")) {
      int eq = element.indexOf('=');
      if (eq > 0) {
        String key = element.substring(0, eq).trim();
        if (key.equals("t")) {
          timestamp = element.substring(eq + 1).trim();
        } else if (key.equals("s")) {
          signature = element.substring(eq + 1).trim();
        }
      }
    }
    long epoch;
    try {
      epoch = Long.parseLong(timestamp == null ? "" : timestamp);
    } catch (NumberFormatException e) {
      throw new WebhookSignatureException(platform, SIGNATURE, "is malformed (expected t=<epoch>,s=<hex>)");
    }
    if (signature == null) {
      throw new WebhookSignatureException(platform, SIGNATURE, "is malformed (expected t=<epoch>,s=<hex>)");
    }
    byte[] body = request.body();
    requireMatch(SIGNATURE, Crypto.hmacSha256(clientSecret, Crypto.utf8(timestamp + "."), body), Crypto.unhex(signature));
    Instant signedAt = Instant.ofEpochSecond(epoch);
    Duration tolerance = settings.tolerance();
    if (Duration.between(signedAt, request.receivedAt()).abs().compareTo(tolerance) > 0) {
      throw new WebhookReplayException(platform, signedAt, request.receivedAt(), tolerance);
    }
    JsonNode root = json(body);
    String event = text(root, "event");
    // TikTok gives no event id; the digest of the signed body identifies a redelivery.
    String id = "sha256:" + Crypto.sha256Hex(body);
    return dedupe(List.of(new WebhookItem(id, event == null ? "event" : event, root, null)));
  }
}
