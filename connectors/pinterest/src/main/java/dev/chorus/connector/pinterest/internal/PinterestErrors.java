package dev.chorus.connector.pinterest.internal;

import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.ErrorMapper;
import dev.chorus.connector.http.RateLimitStatus;
import dev.chorus.connector.http.RateLimitStrategy;
import dev.chorus.model.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Pinterest's error body {@code {"code": <int>, "message": "…"}} (sometimes with {@code status} and
 * {@code message_detail}), typed by HTTP status. The request id is the {@code x-pinterest-rid}
 * response header. A 429 whose {@code message_detail} or {@code message} mentions spam is a spam
 * block, not a rate limit: it becomes a {@link ContentRejectedException}, which is never retried.
 * Other 429s wait for {@code Retry-After} (read by the runtime) or an {@code X-RateLimit-Reset}
 * epoch (UNCONFIRMED semantics), else the runtime's backoff.
 */
public final class PinterestErrors implements ErrorMapper {

  /** The one instance; stateless. */
  public static final PinterestErrors INSTANCE = new PinterestErrors();

  /** Pinterest's request id header. */
  public static final String REQUEST_ID_HEADER = "x-pinterest-rid";

  /** A generic request id header read when Pinterest's own is missing. */
  static final String FALLBACK_REQUEST_ID_HEADER = "x-request-id";

  private static final int MAX_MESSAGE = 300;

  private PinterestErrors() {}

  /** Whether a 429 answer is a spam block rather than a rate limit. */
  static boolean spam(ApiResponse response) {
    if (response.status() != 429) {
      return false;
    }
    JsonNode json = response.json();
    String detail = PinterestJson.text(json, "message_detail");
    String message = PinterestJson.text(json, "message");
    String text = detail != null ? detail : message;
    return text != null && text.toLowerCase(Locale.ROOT).contains("spam")
        || message != null && message.toLowerCase(Locale.ROOT).contains("spam");
  }

  /**
   * On a 429 that is not a spam block: closes the bucket until {@code X-RateLimit-Reset} (epoch
   * seconds) when Pinterest sends it. {@code Retry-After} is read by the runtime as well.
   */
  public static RateLimitStrategy rateLimits() {
    return (response, now) -> {
      if (response.status() != 429 || spam(response)) {
        return Optional.empty();
      }
      return response.header("x-ratelimit-reset").flatMap(value -> epochSeconds(value, now))
          .map(RateLimitStatus::exhaustedUntil);
    };
  }

  private static Optional<Instant> epochSeconds(String value, Instant now) {
    try {
      long seconds = Long.parseLong(value.trim());
      Instant at = Instant.ofEpochSecond(seconds);
      return at.isAfter(now) ? Optional.of(at) : Optional.empty();
    } catch (NumberFormatException | java.time.DateTimeException notEpoch) {
      return Optional.empty();
    }
  }

  /** The request id of the response: {@code x-pinterest-rid}, else {@code x-request-id}. */
  static String requestId(ApiResponse response) {
    return response.requestId()
        .or(() -> response.header(REQUEST_ID_HEADER))
        .or(() -> response.header(FALLBACK_REQUEST_ID_HEADER))
        .orElse(null);
  }

  @Override
  public ConnectorException map(Platform platform, ApiResponse response) {
    int status = response.status();
    String requestId = requestId(response);
    String message = message(response);
    if (status == 401) {
      return new AuthenticationExpiredException(platform, status, requestId, message);
    }
    if (status == 403) {
      return new PermissionDeniedException(platform, status, requestId, message);
    }
    if (status == 404 || status == 410) {
      return new NotFoundException(platform, status, requestId, message);
    }
    if (status == 429) {
      if (spam(response)) {
        return new ContentRejectedException(platform, status, requestId,
            "blocked as spam, not retrying: " + message);
      }
      Instant retryAt = response.retryAt().orElse(null);
      return new RateLimitedException(platform, status, requestId, retryAt, message);
    }
    if (status == 408 || status >= 500) {
      return new PlatformUnavailableException(platform, status, requestId, message);
    }
    return new ContentRejectedException(platform, status, requestId, message);
  }

  /** {@code "code N: message (detail)"} from the body, redacted and bounded. */
  static String message(ApiResponse response) {
    JsonNode json = response.json();
    String code = PinterestJson.text(json, "code");
    String text = PinterestJson.text(json, "message");
    String detail = PinterestJson.text(json, "message_detail");
    if (text == null) {
      text = ErrorMapper.message(response);
    }
    StringBuilder combined = new StringBuilder();
    if (code != null) {
      combined.append("code ").append(code).append(": ");
    }
    combined.append(text);
    if (detail != null && !detail.equals(text)) {
      combined.append(" (").append(detail).append(')');
    }
    // The standard reader redacts anything token-like; feed it our text in its own shape.
    byte[] body = PinterestJson.write(PinterestJson.object().put("message", combined.toString()))
        .getBytes(StandardCharsets.UTF_8);
    String redacted = ErrorMapper.message(new ApiResponse(response.status(), response.headers(), body, null, null));
    return redacted.length() > MAX_MESSAGE ? redacted.substring(0, MAX_MESSAGE) + "…" : redacted;
  }
}
