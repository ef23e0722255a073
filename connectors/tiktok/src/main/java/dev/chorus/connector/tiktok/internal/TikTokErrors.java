package dev.chorus.connector.tiktok.internal;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * TikTok's v2 envelope {@code {"data":…,"error":{"code","message","log_id"}}}: success is {@code
 * error.code == "ok"}, anything else is typed here by the code first and the HTTP status second.
 * The {@code log_id} is the request id. TikTok sends no rate-limit headers, so a 429 closes the
 * bucket for the one-minute sliding window, and the daily posting caps ({@code spam_risk_*} 403s)
 * close it for a day.
 */
public final class TikTokErrors implements ErrorMapper {

  /** The one instance; stateless. */
  public static final TikTokErrors INSTANCE = new TikTokErrors();

  /** TikTok's rate-limit window slides over one minute; after a 429 we wait it out. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  /** How long a daily posting cap blocks further posts: the reset time is not documented. */
  public static final Duration DAILY_CAP = Duration.ofHours(24);

  /** Codes of the daily caps: not retried before {@link #DAILY_CAP} has passed. */
  static final Set<String> DAILY_CAP_CODES = Set.of(
      "spam_risk_too_many_posts", "spam_risk_too_many_pending_share", "reached_active_user_cap");

  /** Codes that mean the app or the user is not allowed to do this; a refresh does not help. */
  static final Set<String> DENIED_CODES = Set.of(
      "scope_not_authorized", "scope_permission_missed", "spam_risk_user_banned_from_posting",
      "unaudited_client_can_only_post_to_private_accounts", "url_ownership_unverified");

  /** Codes that reject the content or the request's fields. */
  static final Set<String> REJECTED_CODES = Set.of(
      "invalid_params", "invalid_file_upload", "privacy_level_option_mismatch", "app_version_check_failed");

  private static final int MAX_MESSAGE = 300;

  private TikTokErrors() {}

  /** The envelope's error code, or {@code null} when the body has no envelope. */
  static String code(JsonNode json) {
    return TikTokJson.text(json.path("error"), "code");
  }

  /** The envelope's {@code log_id}, TikTok's request id, or {@code null}. */
  static String logId(JsonNode json) {
    String id = TikTokJson.text(json.path("error"), "log_id");
    return id == null ? TikTokJson.text(json, "log_id") : id;
  }

  /** Whether the code names a daily posting cap. */
  static boolean dailyCap(String code) {
    return code != null && (DAILY_CAP_CODES.contains(code)
        || (code.startsWith("spam_risk") && !DENIED_CODES.contains(code)));
  }

  /**
   * Reads no headers (TikTok documents none) but the body: a 429 {@code rate_limit_exceeded} closes
   * the bucket for the sliding window; a daily-cap 403 closes it for {@link #DAILY_CAP}. A {@code
   * Retry-After}, should TikTok send one, is read by the runtime as well and the later reset wins.
   */
  public static RateLimitStrategy rateLimits() {
    return (response, now) -> {
      if (response.isSuccessful()) {
        return Optional.empty();
      }
      String code = code(response.json());
      if (response.status() == 429 || "rate_limit_exceeded".equals(code)) {
        return Optional.of(RateLimitStatus.exhaustedUntil(now.plus(WINDOW)));
      }
      if (dailyCap(code)) {
        return Optional.of(RateLimitStatus.exhaustedUntil(now.plus(DAILY_CAP)));
      }
      return Optional.empty();
    };
  }

  @Override
  public ConnectorException map(Platform platform, ApiResponse response) {
    JsonNode json = response.json();
    String code = code(json);
    String requestId = logId(json);
    if (requestId == null) {
      requestId = response.requestId().orElse(null);
    }
    int status = response.status();
    String message = message(response, code);
    if (code != null) {
      if ("access_token_invalid".equals(code)) {
        return new AuthenticationExpiredException(platform, status, requestId, message);
      }
      if ("rate_limit_exceeded".equals(code)) {
        return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null), message);
      }
      if (dailyCap(code)) {
        return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null),
            "daily posting cap reached, not retrying before the next day: " + message);
      }
      if (DENIED_CODES.contains(code)) {
        return new PermissionDeniedException(platform, status, requestId, message);
      }
      if (REJECTED_CODES.contains(code)) {
        return new ContentRejectedException(platform, status, requestId, message);
      }
      if ("internal_error".equals(code)) {
        return new PlatformUnavailableException(platform, status, requestId, message);
      }
    }
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
      return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null), message);
    }
    if (status == 408 || status >= 500) {
      return new PlatformUnavailableException(platform, status, requestId, message);
    }
    return new ContentRejectedException(platform, status, requestId, message);
  }

  /**
   * The exception for a 2xx answer whose envelope says it failed ({@code error.code != "ok"}), or
   * empty when it succeeded. A 2xx without any envelope counts as success.
   */
  public Optional<ConnectorException> failureOf(Platform platform, ApiResponse response) {
    String code = code(response.json());
    if (code == null || "ok".equals(code)) {
      return Optional.empty();
    }
    int status = response.status();
    // Type by the code; the HTTP status TikTok used is kept for the record.
    ApiResponse asError = new ApiResponse(status >= 400 ? status : 400, response.headers(), response.body(),
        response.requestId().orElse(null), response.retryAt().orElse(null));
    ConnectorException mapped = map(platform, asError);
    return Optional.of(mapped);
  }

  /** {@code "code: message"} from the envelope, redacted and bounded, or what the standard reader finds. */
  private static String message(ApiResponse response, String code) {
    String text = TikTokJson.text(response.json().path("error"), "message");
    if (text == null) {
      text = ErrorMapper.message(response);
    }
    String combined = code == null || text.contains(code) ? text : code + ": " + text;
    // The standard reader redacts anything token-like; feed it our text in its own shape.
    byte[] body = TikTokJson.write(TikTokJson.object().put("message", combined)).getBytes(StandardCharsets.UTF_8);
    String redacted = ErrorMapper.message(new ApiResponse(response.status(), response.headers(), body, null, null));
    return redacted.length() > MAX_MESSAGE ? redacted.substring(0, MAX_MESSAGE) + "…" : redacted;
  }

  /** The instant a daily cap met now lifts. */
  static Instant dailyCapLiftsAt(Instant now) {
    return now.plus(DAILY_CAP);
  }
}
