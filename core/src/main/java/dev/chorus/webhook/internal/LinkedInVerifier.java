package dev.chorus.webhook.internal;

import dev.chorus.connector.Secret;
import dev.chorus.model.Platform;
import dev.chorus.webhook.WebhookItem;
import dev.chorus.webhook.WebhookPayloadException;
import dev.chorus.webhook.WebhookRequest;
import dev.chorus.webhook.WebhookResponse;
import dev.chorus.webhook.WebhookResult;
import dev.chorus.webhook.WebhookSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * LinkedIn webhooks: the {@code challengeCode} validation and deliveries signed in {@code
 * X-LI-Signature}, the hex HMAC-SHA256 of the body prefixed by {@code hmacsha256=}.
 */
public final class LinkedInVerifier extends BaseVerifier {

  static final String SIGNATURE = "X-LI-Signature";
  private static final String PREFIX = "hmacsha256=";

  private final Secret clientSecret;

  /** A verifier keyed with the app's client secret. */
  public LinkedInVerifier(Secret clientSecret, WebhookSettings settings) {
    super(Platform.LINKEDIN, clientSecret, settings);
    this.clientSecret = clientSecret;
  }

  @Override
  public WebhookResult verify(WebhookRequest request) {
    return switch (request.method()) {
      case "GET" -> challenge(request);
      case "POST" -> delivery(request);
      default -> throw unsupportedMethod(request);
    };
  }

  private WebhookResult challenge(WebhookRequest request) {
    String code = request.query("challengeCode")
        .orElseThrow(() -> new WebhookPayloadException(platform, "challengeCode is missing"));
    Map<String, String> response = new LinkedHashMap<>();
    response.put("challengeCode", code);
    response.put("challengeResponse", Crypto.hex(Crypto.hmacSha256(clientSecret, Crypto.utf8(code))));
    return new WebhookResult.Handshake(platform, WebhookResponse.json(mapper.writeValueAsString(response)));
  }

  private WebhookResult delivery(WebhookRequest request) {
    String header = requireHeader(request, SIGNATURE);
    // The documented value is the bare hex digest; a "hmacsha256=" label on it is tolerated.
    String hex = header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? header.substring(PREFIX.length()) : header;
    byte[] body = request.body();
    requireMatch(SIGNATURE, Crypto.hmacSha256(clientSecret, Crypto.utf8(PREFIX), body), Crypto.unhex(hex));
    JsonNode root = json(body);
    List<WebhookItem> items = new ArrayList<>();
    for (JsonNode notification : root.isArray() ? root : List.of(root)) {
      String id = firstNonNull(text(notification, "notificationId"), text(notification, "id"));
      String type = firstNonNull(text(notification, "type"), text(notification, "action"), "notification");
      items.add(new WebhookItem(idOr(id, notification), type, notification, null));
    }
    return dedupe(items);
  }
}
