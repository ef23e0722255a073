package dev.chorus.webhook;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Secret;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.webhook.internal.LinkedInVerifier;
import dev.chorus.webhook.internal.MetaVerifier;
import dev.chorus.webhook.internal.TikTokVerifier;
import dev.chorus.webhook.internal.WebSubVerifier;
import dev.chorus.webhook.internal.XVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in verifiers and a registry that routes a request to the verifier of its platform.
 * The registry is immutable and thread-safe. See {@code docs/webhooks.md} for each scheme.
 */
public final class WebhookVerifiers {

  private final Map<String, WebhookVerifier> byPlatform;

  private WebhookVerifiers(Map<String, WebhookVerifier> byPlatform) {
    this.byPlatform = Map.copyOf(byPlatform);
  }

  /** A registry of these verifiers; two for the same platform are refused. */
  public static WebhookVerifiers of(List<? extends WebhookVerifier> verifiers) {
    Map<String, WebhookVerifier> map = new LinkedHashMap<>();
    for (WebhookVerifier v : Checks.list("webhookVerifiers", verifiers)) {
      if (map.putIfAbsent(v.platform().id(), v) != null) {
        throw new InvalidValueException(
            "webhookVerifiers", v.platform().id(), "has two verifiers for the platform");
      }
    }
    return new WebhookVerifiers(map);
  }

  /** The verifier of the platform, if registered. */
  public Optional<WebhookVerifier> verifier(String platformId) {
    return Optional.ofNullable(byPlatform.get(platformId));
  }

  /** The platform ids registered. */
  public Set<String> platforms() {
    return byPlatform.keySet();
  }

  /**
   * Verifies the request with the verifier of the platform.
   *
   * @throws InvalidValueException no verifier is registered for the platform id
   */
  public WebhookResult verify(String platformId, WebhookRequest request) {
    WebhookVerifier verifier = byPlatform.get(platformId);
    if (verifier == null) {
      throw new InvalidValueException(
          "platform", platformId, "has no webhook verifier; registered: " + byPlatform.keySet());
    }
    return verifier.verify(request);
  }

  /**
   * Meta Webhooks (Facebook Pages, Instagram): GET {@code hub.mode=subscribe} with {@code
   * hub.verify_token} is answered with {@code hub.challenge}; POST carries {@code
   * X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>}.
   *
   * @param platform {@link Platform#FACEBOOK} or {@link Platform#INSTAGRAM}
   * @param appSecret the Meta app secret
   * @param verifyToken the verify token entered in the App Dashboard
   */
  public static WebhookVerifier meta(
      Platform platform, Secret appSecret, Secret verifyToken, WebhookSettings settings) {
    return new MetaVerifier(platform, appSecret, verifyToken, settings);
  }

  /**
   * X Account Activity API: GET {@code crc_token} is answered with {@code {"response_token":
   * "sha256=<base64 HMAC-SHA256(consumer secret, crc_token)>"}}; POST carries {@code
   * x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>}.
   */
  public static WebhookVerifier x(Secret consumerSecret, WebhookSettings settings) {
    return new XVerifier(consumerSecret, settings);
  }

  /**
   * TikTok for Developers: POST carries {@code TikTok-Signature: t=<epoch seconds>,s=<hex
   * HMAC-SHA256(client secret, t + "." + body)>}; the timestamp must be inside the window.
   */
  public static WebhookVerifier tiktok(Secret clientSecret, WebhookSettings settings) {
    return new TikTokVerifier(clientSecret, settings);
  }

  /**
   * LinkedIn: GET {@code challengeCode} is answered with {@code {"challengeCode": …,
   * "challengeResponse": <hex HMAC-SHA256(client secret, challengeCode)>}}; POST carries {@code
   * X-LI-Signature}, the hex HMAC-SHA256 of {@code "hmacsha256=" + body}.
   */
  public static WebhookVerifier linkedin(Secret clientSecret, WebhookSettings settings) {
    return new LinkedInVerifier(clientSecret, settings);
  }

  /**
   * YouTube push notifications (WebSub): GET {@code hub.mode=subscribe|unsubscribe} for one of the
   * expected topics is answered with {@code hub.challenge}; POST carries {@code X-Hub-Signature:
   * sha1=<hex HMAC(hub.secret, body)>} (sha256/384/512 also accepted) and an Atom feed.
   *
   * @param hubSecret the {@code hub.secret} sent when subscribing
   * @param topics the topic URLs subscribed to; a handshake for another topic is refused
   */
  public static WebhookVerifier youtube(
      Secret hubSecret, Set<String> topics, WebhookSettings settings) {
    return new WebSubVerifier(Platform.YOUTUBE, hubSecret, topics, settings);
  }
}
