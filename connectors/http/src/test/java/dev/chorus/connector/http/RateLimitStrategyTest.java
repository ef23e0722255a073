package dev.chorus.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitStrategyTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private static ApiResponse response(String... headerPairs) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
    }
    return new ApiResponse(200, headers, new byte[0], null, null);
  }

  @Test
  void reads_x_headers_with_epoch_reset() {
    long reset = NOW.plusSeconds(600).getEpochSecond();
    RateLimitStatus status = RateLimitStrategy.xRateLimit().read(response(
        "x-rate-limit-limit", "100", "x-rate-limit-remaining", "0", "x-rate-limit-reset", Long.toString(reset)),
        NOW).orElseThrow();
    assertThat(status.limit()).hasValue(100);
    assertThat(status.remaining()).hasValue(0);
    assertThat(status.resetAt()).contains(Instant.ofEpochSecond(reset));
    assertThat(status.exhausted()).isTrue();
  }

  @Test
  void x_24_hour_cap_wins_over_the_window_when_exhausted() {
    RateLimitStatus status = RateLimitStrategy.xRateLimit().read(response(
        "x-rate-limit-limit", "100", "x-rate-limit-remaining", "99",
        "x-rate-limit-reset", Long.toString(NOW.plusSeconds(900).getEpochSecond()),
        "x-user-limit-24hour-limit", "17", "x-user-limit-24hour-remaining", "0",
        "x-user-limit-24hour-reset", Long.toString(NOW.plusSeconds(80_000).getEpochSecond())), NOW).orElseThrow();
    assertThat(status.exhausted()).isTrue();
    assertThat(status.resetAt()).contains(NOW.plusSeconds(80_000));
  }

  @Test
  void reads_mastodon_headers_with_iso_reset() {
    RateLimitStatus status = RateLimitStrategy.mastodon().read(response(
        "X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0",
        "X-RateLimit-Reset", "2026-01-01T12:05:00.000000Z"), NOW).orElseThrow();
    assertThat(status.limit()).hasValue(300);
    assertThat(status.exhausted()).isTrue();
    assertThat(status.resetAt()).contains(Instant.parse("2026-01-01T12:05:00Z"));
  }

  @Test
  void reads_ratelimit_policy_headers() {
    RateLimitStatus status = RateLimitStrategy.rateLimitPolicy().read(response(
        "RateLimit-Limit", "5000", "RateLimit-Remaining", "12",
        "RateLimit-Reset", Long.toString(NOW.plusSeconds(1234).getEpochSecond()),
        "RateLimit-Policy", "5000;w=3600"), NOW).orElseThrow();
    assertThat(status.remaining()).hasValue(12);
    assertThat(status.exhausted()).isFalse();
    assertThat(status.resetAt()).contains(NOW.plusSeconds(1234));
  }

  @Test
  void policy_window_bounds_the_reset_when_the_reset_header_is_missing() {
    RateLimitStatus status = RateLimitStrategy.rateLimitPolicy().read(response(
        "RateLimit-Limit", "5", "RateLimit-Remaining", "0", "RateLimit-Policy", "5;w=300"), NOW).orElseThrow();
    assertThat(status.exhausted()).isTrue();
    assertThat(status.resetAt()).contains(NOW.plusSeconds(300));
  }

  @Test
  void meta_business_use_case_estimate_is_in_minutes() {
    RateLimitStatus status = RateLimitStrategy.metaUsage().read(response(
        "X-Business-Use-Case-Usage",
        "{\"1234567890\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":20,\"total_time\":20,"
            + "\"estimated_time_to_regain_access\":7}]}"), NOW).orElseThrow();
    assertThat(status.exhausted()).isTrue();
    assertThat(status.resetAt()).contains(NOW.plus(Duration.ofMinutes(7)));
  }

  @Test
  void meta_app_usage_below_threshold_leaves_room_and_above_backs_off() {
    RateLimitStrategy meta = RateLimitStrategy.metaUsage(90, Duration.ofHours(1));
    RateLimitStatus low = meta.read(response(
        "X-App-Usage", "{\"call_count\":28,\"total_time\":25,\"total_cputime\":25}"), NOW).orElseThrow();
    assertThat(low.exhausted()).isFalse();
    assertThat(low.remaining()).hasValue(72);
    RateLimitStatus high = meta.read(response(
        "X-App-Usage", "{\"call_count\":91,\"total_time\":25,\"total_cputime\":25}"), NOW).orElseThrow();
    assertThat(high.exhausted()).isTrue();
    assertThat(high.resetAt()).contains(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void retry_after_in_seconds_and_as_http_date() {
    assertThat(RateLimitStrategy.retryAfter().read(response("Retry-After", "120"), NOW).orElseThrow().resetAt())
        .contains(NOW.plusSeconds(120));
    assertThat(RateLimitStrategy.retryAfter()
        .read(response("Retry-After", "Thu, 01 Jan 2026 12:10:00 GMT"), NOW).orElseThrow().resetAt())
        .contains(Instant.parse("2026-01-01T12:10:00Z"));
  }

  @Test
  void absent_headers_say_nothing_and_a_past_reset_is_not_exhausted() {
    assertThat(RateLimitStrategy.xRateLimit().read(response(), NOW)).isEmpty();
    RateLimitStatus rolled = RateLimitStrategy.xRateLimit().read(response(
        "x-rate-limit-remaining", "0", "x-rate-limit-reset", Long.toString(NOW.minusSeconds(5).getEpochSecond())),
        NOW).orElseThrow();
    assertThat(rolled.exhausted()).isFalse();
  }
}
