package dev.chorus.connector.http.internal;

import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.RateLimitStatus;
import dev.chorus.connector.http.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The parsers behind the built-in {@link dev.chorus.connector.http.RateLimitStrategy} factories. */
public final class RateLimitHeaders {

  /** The three header names of one counted group, spelt out once rather than joined per response. */
  private record Group(String limit, String remaining, String reset) {
    static Group of(String prefix) {
      return new Group(prefix + "limit", prefix + "remaining", prefix + "reset");
    }
  }

  private static final Group X_WINDOW = Group.of("x-rate-limit-");
  private static final Group X_APP_DAY = Group.of("x-app-limit-24hour-");
  private static final Group X_USER_DAY = Group.of("x-user-limit-24hour-");
  private static final Group[] X_GROUPS = {X_WINDOW, X_APP_DAY, X_USER_DAY};
  private static final Group MASTODON = Group.of("x-ratelimit-");
  private static final Group POLICY = Group.of("ratelimit-");

  private RateLimitHeaders() {}

  /** X: the 15-minute window and the 24-hour caps, reset in epoch seconds. */
  public static Optional<RateLimitStatus> x(ApiResponse response, Instant now) {
    // The stricter of the groups present, combined in this order (as a reduce over the list did).
    RateLimitStatus strictest = null;
    for (Group group : X_GROUPS) {
      RateLimitStatus status = counted(response, group, now, RateLimitHeaders::epochSeconds);
      if (status != null) {
        strictest = strictest == null ? status : stricter(strictest, status);
      }
    }
    return Optional.ofNullable(strictest);
  }

  /** Mastodon: reset as ISO-8601 with microseconds. */
  public static Optional<RateLimitStatus> mastodon(ApiResponse response, Instant now) {
    return Optional.ofNullable(counted(response, MASTODON, now, RateLimitHeaders::isoInstant));
  }

  /** IETF draft / Bluesky: RateLimit-* with a policy giving the window. */
  public static Optional<RateLimitStatus> policy(ApiResponse response, Instant now) {
    Optional<RateLimitStatus> status =
        Optional.ofNullable(counted(response, POLICY, now, RateLimitHeaders::epochSeconds));
    if (status.isEmpty() || status.get().resetAt().isPresent()) {
      return status;
    }
    // Without a reset, the policy's window is the longest the bucket can stay closed.
    Optional<Duration> window = response.header("ratelimit-policy").flatMap(RateLimitHeaders::policyWindow);
    RateLimitStatus counted = status.get();
    return Optional.of(RateLimitStatus.counted(
        counted.limit().orElse(-1),
        counted.remaining().orElse(-1),
        window.map(now::plus).orElse(null)));
  }

  static Optional<Duration> policyWindow(String policy) {
    for (String part : policy.split(";")) {
      String trimmed = part.trim();
      if (trimmed.startsWith("w=")) {
        try {
          return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed.substring(2).trim())));
        } catch (NumberFormatException bad) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** Meta usage headers (percent of budget; BUC estimate in minutes). */
  public static Optional<RateLimitStatus> meta(
      ApiResponse response, Instant now, int threshold, Duration backoffWithoutEstimate) {
    int maxPercent = -1;
    long regainMinutes = 0;
    for (String name : List.of("x-app-usage", "x-page-usage", "x-ad-account-usage")) {
      Optional<String> header = response.header(name);
      if (header.isPresent()) {
        maxPercent = Math.max(maxPercent, usagePercent(Json.parseLenient(header.get())));
      }
    }
    Optional<String> business = response.header("x-business-use-case-usage");
    if (business.isPresent()) {
      JsonNode root = Json.parseLenient(business.get());
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        for (JsonNode useCase : entry.getValue()) {
          maxPercent = Math.max(maxPercent, usagePercent(useCase));
          regainMinutes = Math.max(regainMinutes, Json.number(useCase, "estimated_time_to_regain_access", 0));
        }
      }
    }
    if (maxPercent < 0 && regainMinutes == 0) {
      return Optional.empty();
    }
    if (regainMinutes > 0) {
      return Optional.of(RateLimitStatus.exhaustedUntil(now.plus(Duration.ofMinutes(regainMinutes))));
    }
    if (maxPercent >= threshold) {
      return Optional.of(RateLimitStatus.exhaustedUntil(now.plus(backoffWithoutEstimate)));
    }
    return Optional.of(RateLimitStatus.counted(100, 100 - maxPercent, null));
  }

  private static int usagePercent(JsonNode usage) {
    long max = -1;
    for (String field : List.of("call_count", "total_time", "total_cputime", "acc_id_util_pct")) {
      max = Math.max(max, Json.number(usage, field, -1));
    }
    return (int) Math.min(max, 100);
  }

  /** Retry-After in delta-seconds or as an HTTP-date. */
  public static Optional<RateLimitStatus> retryAfter(ApiResponse response, Instant now) {
    return response.header("retry-after").flatMap(value -> parseRetryAfter(value, now))
        .map(RateLimitStatus::exhaustedUntil);
  }

  /** The instant a {@code Retry-After} value points at. */
  public static Optional<Instant> parseRetryAfter(String value, Instant now) {
    String trimmed = value.trim();
    if (trimmed.matches("\\d{1,10}")) {
      return Optional.of(now.plusSeconds(Long.parseLong(trimmed)));
    }
    try {
      return Optional.of(ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException bad) {
      return Optional.empty();
    }
  }

  /** Of two statuses, the one that allows fewer calls. */
  public static RateLimitStatus stricter(RateLimitStatus a, RateLimitStatus b) {
    if (a.exhausted() != b.exhausted()) {
      return a.exhausted() ? a : b;
    }
    if (a.exhausted()) {
      Instant ra = a.resetAt().orElse(Instant.MIN);
      Instant rb = b.resetAt().orElse(Instant.MIN);
      return ra.isAfter(rb) ? a : b;
    }
    long remainingA = a.remaining().orElse(Long.MAX_VALUE);
    long remainingB = b.remaining().orElse(Long.MAX_VALUE);
    return remainingA <= remainingB ? a : b;
  }

  private interface ResetParser {
    Instant parse(String value, Instant now);
  }

  /** The group's status, or {@code null} when none of its headers says anything. */
  private static RateLimitStatus counted(ApiResponse response, Group group, Instant now, ResetParser reset) {
    long limit = longHeader(response, group.limit());
    long remaining = longHeader(response, group.remaining());
    Optional<String> resetHeader = response.header(group.reset());
    Instant resetAt = resetHeader.isEmpty() ? null : reset.parse(resetHeader.get().trim(), now);
    if (limit < 0 && remaining < 0 && resetAt == null) {
      return null;
    }
    if (resetAt != null && !resetAt.isAfter(now)) {
      // A reset in the past means the window already rolled over.
      return RateLimitStatus.counted(limit, -1, null);
    }
    return RateLimitStatus.counted(limit, remaining, resetAt);
  }

  private static long longHeader(ApiResponse response, String name) {
    Optional<String> value = response.header(name);
    if (value.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(value.get().trim());
    } catch (NumberFormatException bad) {
      return -1;
    }
  }

  private static Instant epochSeconds(String value, Instant now) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(value));
    } catch (NumberFormatException bad) {
      return null;
    }
  }

  private static Instant isoInstant(String value, Instant now) {
    return Timestamps.parse(value).orElse(null);
  }
}
