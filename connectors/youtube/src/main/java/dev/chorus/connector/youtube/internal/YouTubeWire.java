package dev.chorus.connector.youtube.internal;

import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.ErrorMapper;
import dev.chorus.connector.youtube.YouTubeQuota;
import dev.chorus.model.Platform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** YouTube's wire format: JSON fields, string counters, the {@code Range} header and Google's error body. Stateless. */
public final class YouTubeWire {

  /** Immutable and thread-safe; ignores fields it does not know. */
  public static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** The per-channel upload cap: YouTube says to try again in 24 hours. */
  static final Duration UPLOAD_LIMIT_WAIT = Duration.ofHours(24);

  /** The header Google's upload servers send with every answer; the only request id they give. */
  public static final String UPLOAD_ID_HEADER = "X-GUploader-UploadID";

  private static final Pattern RANGE = Pattern.compile("(?i)\\s*bytes\\s*=\\s*(\\d+)\\s*-\\s*(\\d+)\\s*");

  private YouTubeWire() {}

  /** A string field, or {@code null} when absent, null or not a scalar. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isString()) {
      return value.stringValue();
    }
    return value.isNumber() || value.isBoolean() ? value.asString() : null;
  }

  /**
   * A counter YouTube sends as a JSON string (uint64), such as {@code "viewCount": "425203"}; a
   * number is accepted too. Empty when the key is absent or the value is not a non-negative integer.
   */
  public static OptionalLong count(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isIntegralNumber()) {
      long n = value.asLong();
      return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
    }
    if (value.isString()) {
      try {
        long n = Long.parseLong(value.stringValue().trim());
        return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
      } catch (NumberFormatException malformed) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /** An RFC 3339 instant, or {@code null} when absent or malformed. */
  public static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException malformed) {
      return null;
    }
  }

  /**
   * The number of bytes the server holds, from a {@code Range: bytes=0-N} header of a 308: N + 1.
   * Zero when the header is absent (nothing stored yet).
   *
   * @throws IllegalArgumentException when the header is present but not of that form
   */
  public static long confirmedBytes(String rangeHeader) {
    if (rangeHeader == null || rangeHeader.isBlank()) {
      return 0;
    }
    Matcher matcher = RANGE.matcher(rangeHeader);
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) != 0) {
      throw new IllegalArgumentException("unexpected Range header " + rangeHeader);
    }
    return Long.parseLong(matcher.group(2)) + 1;
  }

  /** The first {@code error.errors[].reason}, else {@code error.status}, else {@code null}. */
  public static String reason(ApiResponse response) {
    JsonNode error = response.json().path("error");
    JsonNode errors = error.path("errors");
    if (errors.isArray()) {
      for (JsonNode entry : errors) {
        String reason = text(entry, "reason");
        if (reason != null && !reason.isBlank()) {
          return reason;
        }
      }
    }
    String status = text(error, "status");
    return status == null || status.isBlank() ? null : status;
  }

  /**
   * Maps Google's {@code {"error":{"code","message","errors":[{"reason","domain"}]}}} to typed
   * errors. A {@code 308 Resume Incomplete} of the upload protocol becomes {@link ResumeIncomplete}
   * for the uploader to read; {@code quotaExceeded} also marks the quota spent.
   */
  static ConnectorException map(Platform platform, ApiResponse response, Clock clock, YouTubeQuota quota) {
    int status = response.status();
    String requestId = response.requestId().orElse(null);
    if (status == 308) {
      return new ResumeIncomplete(platform, requestId, response.header("Range").orElse(null));
    }
    String reason = reason(response);
    String message = ErrorMapper.message(response);
    String described = reason == null ? message : message + " (" + reason + ")";
    if ("quotaExceeded".equals(reason) || "dailyLimitExceeded".equals(reason)) {
      quota.exhaust();
      return new RateLimitedException(platform, status, requestId, YouTubeQuota.nextReset(clock.instant()),
          "YouTube daily quota exceeded: " + described + "; it resets at midnight America/Los_Angeles");
    }
    if ("uploadLimitExceeded".equals(reason)) {
      return new RateLimitedException(platform, status, requestId, clock.instant().plus(UPLOAD_LIMIT_WAIT),
          "the channel reached its daily upload limit: " + described + "; YouTube says to try again in 24 hours");
    }
    if (status == 429 || "rateLimitExceeded".equals(reason) || "userRateLimitExceeded".equals(reason)
        || "RATE_LIMIT_EXCEEDED".equals(reason)) {
      return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null),
          "YouTube short-term rate limit: " + described);
    }
    if (status == 401) {
      return new AuthenticationExpiredException(platform, status, requestId, described);
    }
    if (status == 403) {
      return new PermissionDeniedException(platform, status, requestId, described);
    }
    if (status == 404 || status == 410) {
      return new NotFoundException(platform, status, requestId, described);
    }
    if (status == 408 || status >= 500) {
      return new PlatformUnavailableException(platform, status, requestId, described);
    }
    return new ContentRejectedException(platform, status, requestId, described);
  }

  /** The {@code 308 Resume Incomplete} answer of an upload session: not a failure, a position. */
  static final class ResumeIncomplete extends ConnectorException {
    private static final long serialVersionUID = 1L;

    private final String range;

    ResumeIncomplete(Platform platform, String requestId, String range) {
      super(platform, 308, requestId, "upload incomplete, server holds " + (range == null ? "nothing" : range), null);
      this.range = range;
    }

    /** The {@code Range} header, or {@code null} when the server holds no bytes. */
    String range() {
      return range;
    }
  }
}
