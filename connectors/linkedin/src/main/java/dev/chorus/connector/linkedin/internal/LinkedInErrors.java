package dev.chorus.connector.linkedin.internal;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * LinkedIn's error bodies ({@code status}, {@code serviceErrorCode}, {@code code}, {@code message})
 * and its daily quotas, which reset at 00:00 UTC and are announced by a bare 429.
 */
public final class LinkedInErrors {

  /** The response header with LinkedIn's request id (UNCONFIRMED: not named in the reference). */
  public static final String REQUEST_ID_HEADER = "x-li-uuid";

  private static final int THROTTLE_SERVICE_ERROR = 101;

  private LinkedInErrors() {}

  /** Maps an unsuccessful response to its typed exception. */
  public static ConnectorException map(Platform platform, ApiResponse response) {
    int status = response.status();
    String requestId = response.requestId().orElse(null);
    String message = describe(response);
    if (status == 401) {
      return new AuthenticationExpiredException(platform, status, requestId, message);
    }
    if (status == 403) {
      return new PermissionDeniedException(platform, status, requestId, message);
    }
    if (status == 404 || status == 410) {
      return new NotFoundException(platform, status, requestId, message);
    }
    if (status == 426) {
      // NONEXISTENT_VERSION: the configured LinkedIn-Version is retired; only a new setting helps.
      return new PermissionDeniedException(platform, status, requestId,
          message + "; set linkedinVersion to an active YYYYMM version");
    }
    if (status == 429) {
      return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null), message);
    }
    if (status == 408 || status >= 500) {
      return new PlatformUnavailableException(platform, status, requestId, message);
    }
    return new ContentRejectedException(platform, status, requestId, message);
  }

  /** The platform's message with its service error code and symbolic code, when sent. */
  static String describe(ApiResponse response) {
    String message = ErrorMapper.message(response).strip();
    JsonNode json = response.json();
    StringBuilder codes = new StringBuilder();
    if (json.path("serviceErrorCode").isNumber()) {
      codes.append("serviceErrorCode ").append(json.path("serviceErrorCode").asLong());
    }
    if (json.path("code").isString()) {
      codes.append(codes.length() > 0 ? ", " : "").append(json.path("code").stringValue());
    }
    return codes.length() == 0 ? message : message + " (" + codes + ")";
  }

  /**
   * A 429 that names a daily quota or throttle closes the endpoint's bucket until the next 00:00 UTC,
   * unless the response carries {@code Retry-After} (then that wins, read by the runtime). Other
   * 429s (LinkedIn's infrastructure protection) say nothing, so the runtime backs off.
   */
  public static RateLimitStrategy rateLimits() {
    return (response, now) -> {
      if (response.status() != 429 || response.header("retry-after").isPresent()) {
        return Optional.empty();
      }
      return dailyQuota(response) ? Optional.of(RateLimitStatus.exhaustedUntil(nextMidnightUtc(now)))
          : Optional.empty();
    };
  }

  static boolean dailyQuota(ApiResponse response) {
    JsonNode json = response.json();
    if (json.path("serviceErrorCode").asLong(-1) == THROTTLE_SERVICE_ERROR) {
      return true;
    }
    String message = json.path("message").isString() ? json.path("message").stringValue() : "";
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("throttle") || lower.contains("day limit") || lower.contains("daily");
  }

  /** The next 00:00 UTC strictly after {@code now}. */
  public static Instant nextMidnightUtc(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
