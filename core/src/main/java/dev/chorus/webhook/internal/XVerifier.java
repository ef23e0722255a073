package dev.chorus.webhook.internal;

import dev.chorus.connector.Secret;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.webhook.WebhookItem;
import dev.chorus.webhook.WebhookPayloadException;
import dev.chorus.webhook.WebhookRequest;
import dev.chorus.webhook.WebhookResponse;
import dev.chorus.webhook.WebhookResult;
import dev.chorus.webhook.WebhookSettings;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * X Account Activity API: the CRC ({@code crc_token} → {@code response_token}) and deliveries
 * signed in {@code x-twitter-webhooks-signature}, keyed by {@code for_user_id}.
 */
public final class XVerifier extends BaseVerifier {

  static final String SIGNATURE = "x-twitter-webhooks-signature";
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);

  private final Secret consumerSecret;

  /** A verifier keyed with the app's consumer secret. */
  public XVerifier(Secret consumerSecret, WebhookSettings settings) {
    super(Platform.X, consumerSecret, settings);
    this.consumerSecret = consumerSecret;
  }

  @Override
  public WebhookResult verify(WebhookRequest request) {
    return switch (request.method()) {
      case "GET" -> crc(request);
      case "POST" -> delivery(request);
      default -> throw unsupportedMethod(request);
    };
  }

  private WebhookResult crc(WebhookRequest request) {
    String token = request.query("crc_token")
        .orElseThrow(() -> new WebhookPayloadException(platform, "crc_token is missing"));
    String response = "sha256=" + Base64.getEncoder()
        .encodeToString(Crypto.hmacSha256(consumerSecret, Crypto.utf8(token)));
    String json = mapper.writeValueAsString(Map.of("response_token", response));
    return new WebhookResult.Handshake(platform, WebhookResponse.json(json));
  }

  private WebhookResult delivery(WebhookRequest request) {
    String header = requireHeader(request, SIGNATURE);
    if (!header.regionMatches(true, 0, "sha256=", 0, 7)) {
      throw new dev.chorus.webhook.WebhookSignatureException(
          platform, SIGNATURE, "is malformed (expected sha256=<base64>)");
    }
    byte[] body = request.body();
    requireMatch(SIGNATURE, Crypto.hmacSha256(consumerSecret, body), Crypto.unbase64(header.substring(7)));
    return dedupe(parse(json(body)));
  }

  private List<WebhookItem> parse(JsonNode root) {
    String forUser = text(root, "for_user_id");
    List<WebhookItem> items = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String type = field.getKey();
      if (!field.getValue().isArray() || !type.endsWith("_events")) {
        continue;
      }
      for (JsonNode event : field.getValue()) {
        Interaction interaction = switch (type) {
          case "tweet_create_events" -> tweet(forUser, event);
          case "direct_message_events" -> message(forUser, event, root.path("users"));
          default -> null;
        };
        String id = firstNonNull(text(event, "id_str"), text(event, "id"));
        items.add(new WebhookItem(idOr(id == null ? null : type + ":" + id, event), type, event, interaction));
      }
    }
    return items;
  }

  private Interaction tweet(String forUser, JsonNode tweet) {
    JsonNode user = tweet.path("user");
    String author = text(user, "id_str");
    if (author == null || author.equals(forUser)) {
      return null; // the account's own post
    }
    String id = text(tweet, "id_str");
    String replyTo = text(tweet, "in_reply_to_status_id_str");
    boolean quotesAccount = tweet.path("is_quote_status").asBoolean(false)
        && forUser != null && forUser.equals(text(tweet.path("quoted_status").path("user"), "id_str"));
    InteractionKind kind;
    String postId = null;
    if (replyTo != null) {
      kind = InteractionKind.REPLY;
      postId = replyTo;
    } else if (quotesAccount) {
      kind = InteractionKind.QUOTE;
      postId = text(tweet, "quoted_status_id_str");
    } else {
      kind = InteractionKind.MENTION;
    }
    String handle = text(user, "screen_name");
    String text = tweet.path("extended_tweet").has("full_text")
        ? text(tweet.path("extended_tweet"), "full_text") : text(tweet, "text");
    URI url = handle == null || id == null ? null : URI.create("https://x.com/" + handle + "/status/" + id);
    return interaction(forUser, id, kind, postId, replyTo, author, handle == null ? null : "@" + handle,
        text(user, "name"), text, firstNonNull(createdAt(text(tweet, "created_at")), epoch(tweet, "timestamp_ms")), url);
  }

  private Interaction message(String forUser, JsonNode event, JsonNode users) {
    JsonNode create = event.path("message_create");
    String sender = text(create, "sender_id");
    if (!"message_create".equals(text(event, "type")) || sender == null || sender.equals(forUser)) {
      return null; // a message the account sent
    }
    JsonNode user = users.path(sender);
    String handle = text(user, "screen_name");
    return interaction(forUser, text(event, "id"), InteractionKind.DIRECT_MESSAGE, null, null, sender,
        handle == null ? null : "@" + handle, text(user, "name"), text(create.path("message_data"), "text"),
        epoch(event, "created_timestamp"), null);
  }

  private static Instant createdAt(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value, CREATED_AT).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
