package dev.chorus.webhook.internal;

import dev.chorus.ChorusException;
import dev.chorus.connector.Secret;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.webhook.WebhookItem;
import dev.chorus.webhook.WebhookPayloadException;
import dev.chorus.webhook.WebhookRequest;
import dev.chorus.webhook.WebhookResult;
import dev.chorus.webhook.WebhookSettings;
import dev.chorus.webhook.WebhookSignatureException;
import dev.chorus.webhook.WebhookVerifier;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the built-in verifiers share: header checks, JSON parsing, de-duplication, mapping. */
abstract class BaseVerifier implements WebhookVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(BaseVerifier.class);

  protected final Platform platform;
  protected final WebhookSettings settings;
  protected final JsonMapper mapper = JsonMapper.builder().build();

  BaseVerifier(Platform platform, Secret secret, WebhookSettings settings) {
    this.platform = Checks.required("webhookVerifier.platform", platform);
    Checks.required("webhookVerifier.secret", secret);
    if (secret.reveal().isEmpty()) {
      throw new dev.chorus.InvalidValueException("webhookVerifier.secret", "***", "must not be empty");
    }
    this.settings = Checks.required("webhookVerifier.settings", settings);
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + platform + "]";
  }

  /** The header's value, or a signature exception naming it. */
  protected String requireHeader(WebhookRequest request, String header) {
    Optional<String> value = request.header(header);
    if (value.isEmpty() || value.get().isBlank()) {
      throw new WebhookSignatureException(platform, header, "is missing");
    }
    return value.get().trim();
  }

  /** Throws unless the expected and received MACs are equal, compared in constant time. */
  protected void requireMatch(String header, byte[] expected, byte[] received) {
    if (received == null) {
      throw new WebhookSignatureException(platform, header, "is malformed");
    }
    if (!Crypto.equal(expected, received)) {
      LOG.debug("{} webhook signature in {} does not match", platform, header);
      throw new WebhookSignatureException(platform, header, "does not match");
    }
  }

  protected WebhookPayloadException unsupportedMethod(WebhookRequest request) {
    return new WebhookPayloadException(platform, "method " + request.method() + " is not used by the platform");
  }

  /** The body as JSON. */
  protected JsonNode json(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode() || node.isNull()) {
        throw new WebhookPayloadException(platform, "body is empty");
      }
      return node;
    } catch (JacksonException e) {
      throw new WebhookPayloadException(platform, "body is not JSON: " + e.getOriginalMessage());
    }
  }

  /** Drops items seen before; a delivery whose every item was seen is a duplicate. */
  protected WebhookResult dedupe(List<WebhookItem> items) {
    List<WebhookItem> fresh = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (WebhookItem item : items) {
      if (settings.seenIds().firstSeen(platform.id() + ":" + item.eventId())) {
        fresh.add(item);
      } else {
        seen.add(item.eventId());
      }
    }
    if (!items.isEmpty() && fresh.isEmpty()) {
      LOG.debug("{} webhook delivery of {} events was seen before", platform, items.size());
      return new WebhookResult.Duplicate(platform, seen);
    }
    return new WebhookResult.Delivery(platform, fresh);
  }

  /** The platform's id, or a digest of the JSON when there is none. */
  protected static String idOr(String id, JsonNode node) {
    return id != null && !id.isBlank() ? id : "sha256:" + Crypto.sha256Hex(Crypto.utf8(node.toString()));
  }

  /** A string or number field as text, or {@code null}. */
  protected static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isString()) {
      String s = value.stringValue();
      return s.isBlank() ? null : s;
    }
    if (value.isIntegralNumber()) {
      // Not longValue(): a number past 64 bits would throw Jackson's raw exception.
      return value.bigIntegerValue().toString();
    }
    return null;
  }

  /** Epoch seconds or milliseconds (told apart by size) as an instant, or {@code null}. */
  protected static Instant epoch(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      return null;
    }
    try {
      long n = Long.parseLong(value.trim());
      return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
  }

  /**
   * An interaction when the receiving account resolves and the fields satisfy the model, else
   * {@code null}: a webhook item is still useful without it.
   */
  protected Interaction interaction(
      String platformAccountId,
      String externalId,
      InteractionKind kind,
      String externalPostId,
      String parentExternalId,
      String authorId,
      String authorHandle,
      String authorName,
      String text,
      Instant createdAt,
      URI url) {
    if (platformAccountId == null || externalId == null || authorId == null || createdAt == null) {
      return null;
    }
    Optional<AccountId> account = settings.accounts().resolve(platform, platformAccountId);
    if (account.isEmpty()) {
      return null;
    }
    try {
      return new Interaction(
          platform,
          account.get(),
          externalId,
          kind,
          externalPostId,
          parentExternalId,
          authorId,
          authorHandle == null ? authorId : authorHandle,
          authorName,
          text,
          createdAt,
          url);
    } catch (ChorusException e) {
      LOG.debug("{} webhook event {} does not map to an interaction: {}", platform, externalId, e.getMessage());
      return null;
    }
  }

  /** The first argument that is not {@code null}. */
  @SafeVarargs
  protected static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
