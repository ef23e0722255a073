package dev.chorus.webhook.internal;

import dev.chorus.connector.Secret;
import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.webhook.WebhookItem;
import dev.chorus.webhook.WebhookPayloadException;
import dev.chorus.webhook.WebhookRequest;
import dev.chorus.webhook.WebhookResponse;
import dev.chorus.webhook.WebhookResult;
import dev.chorus.webhook.WebhookSettings;
import dev.chorus.webhook.WebhookSignatureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Meta Webhooks (Graph API): the {@code hub.*} verification request and {@code
 * X-Hub-Signature-256} deliveries with {@code entry[].changes[]} and {@code entry[].messaging[]}.
 */
public final class MetaVerifier extends BaseVerifier {

  static final String SIGNATURE = "X-Hub-Signature-256";
  static final String VERIFY_TOKEN = "hub.verify_token";

  private final Secret appSecret;
  private final Secret verifyToken;

  /** A verifier for a Meta platform. */
  public MetaVerifier(Platform platform, Secret appSecret, Secret verifyToken, WebhookSettings settings) {
    super(platform, appSecret, settings);
    this.appSecret = appSecret;
    this.verifyToken = Checks.required("webhookVerifier.verifyToken", verifyToken);
  }

  @Override
  public WebhookResult verify(WebhookRequest request) {
    return switch (request.method()) {
      case "GET" -> handshake(request);
      case "POST" -> delivery(request);
      default -> throw unsupportedMethod(request);
    };
  }

  private WebhookResult handshake(WebhookRequest request) {
    String mode = request.query("hub.mode").orElse("");
    if (!"subscribe".equals(mode)) {
      throw new WebhookPayloadException(platform, "hub.mode must be subscribe (was \"" + mode + "\")");
    }
    String token = request.query(VERIFY_TOKEN).orElse("");
    if (token.isEmpty()) {
      throw new WebhookSignatureException(platform, VERIFY_TOKEN, "is missing");
    }
    if (!Crypto.equal(Crypto.utf8(verifyToken.reveal()), Crypto.utf8(token))) {
      throw new WebhookSignatureException(platform, VERIFY_TOKEN, "does not match");
    }
    String challenge = request.query("hub.challenge")
        .orElseThrow(() -> new WebhookPayloadException(platform, "hub.challenge is missing"));
    return new WebhookResult.Handshake(platform, WebhookResponse.text(challenge));
  }

  private WebhookResult delivery(WebhookRequest request) {
    String header = requireHeader(request, SIGNATURE);
    if (!header.regionMatches(true, 0, "sha256=", 0, 7)) {
      throw new WebhookSignatureException(platform, SIGNATURE, "is malformed (expected sha256=<hex>)");
    }
    byte[] body = request.body();
    requireMatch(SIGNATURE, Crypto.hmacSha256(appSecret, body), Crypto.unhex(header.substring(7)));
    return dedupe(parse(json(body)));
  }

  private List<WebhookItem> parse(JsonNode root) {
    List<WebhookItem> items = new ArrayList<>();
    for (JsonNode entry : root.path("entry")) {
      String account = text(entry, "id");
      Instant entryTime = epoch(entry, "time");
      for (JsonNode change : entry.path("changes")) {
        String field = text(change, "field");
        JsonNode value = change.path("value");
        String id = firstNonNull(text(value, "id"), text(value, "comment_id"), text(value, "post_id"));
        items.add(new WebhookItem(
            idOr(id, change), field == null ? "change" : field, change, changeInteraction(account, field, value, entryTime)));
      }
      for (JsonNode messaging : entry.path("messaging")) {
        JsonNode message = messaging.path("message");
        String id = text(message, "mid");
        Interaction interaction = null;
        String sender = text(messaging.path("sender"), "id");
        if (id != null && !message.path("is_echo").asBoolean(false) && sender != null && !sender.equals(account)) {
          interaction = interaction(account, id, InteractionKind.DIRECT_MESSAGE, null, null, sender, null, null,
              text(message, "text"), firstNonNull(epoch(messaging, "timestamp"), entryTime), null);
        }
        items.add(new WebhookItem(idOr(id, messaging), "messaging", messaging, interaction));
      }
    }
    return items;
  }

  private Interaction changeInteraction(String account, String field, JsonNode value, Instant entryTime) {
    if ("comments".equals(field) || "live_comments".equals(field)) {
      // Instagram: value.id, value.text, value.from{id,username}, value.media{id}, value.parent_id
      String parent = text(value, "parent_id");
      JsonNode from = value.path("from");
      return interaction(account, text(value, "id"), parent == null ? InteractionKind.COMMENT : InteractionKind.REPLY,
          text(value.path("media"), "id"), parent, text(from, "id"), text(from, "username"), null,
          text(value, "text"), entryTime, null);
    }
    if ("feed".equals(field) && "comment".equals(text(value, "item")) && "add".equals(text(value, "verb"))) {
      // Facebook Page: value.comment_id, post_id, parent_id, from{id,name}, message, created_time
      String post = text(value, "post_id");
      String parent = text(value, "parent_id");
      boolean reply = parent != null && !parent.equals(post);
      JsonNode from = value.path("from");
      if (account != null && account.equals(text(from, "id"))) {
        return null; // the Page commenting on its own post
      }
      return interaction(account, text(value, "comment_id"), reply ? InteractionKind.REPLY : InteractionKind.COMMENT,
          post, reply ? parent : null, text(from, "id"), null, text(from, "name"), text(value, "message"),
          firstNonNull(epoch(value, "created_time"), entryTime), null);
    }
    return null;
  }
}
