package dev.chorus.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.model.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GraphApiErrorsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private static ApiResponse response(int status, String body, Instant retryAt, String... headers) {
    Map<String, List<String>> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], List.of(headers[i + 1]));
    }
    return new ApiResponse(status, map, body.getBytes(StandardCharsets.UTF_8), null, retryAt);
  }

  private static ConnectorException map(int status, String body) {
    return GraphApiErrors.instance().map(Platform.FACEBOOK, response(status, body, null));
  }

  @Test
  void code_190_is_an_expired_credential_with_the_fbtrace_id() {
    ConnectorException e = map(400, "{\"error\":{\"message\":\"Error validating access token: Session has expired on "
        + "Tuesday, 01-Dec-25 06:00:00 PST.\",\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":463,"
        + "\"fbtrace_id\":\"AXS25JPViBb5AY5tP5EzTnD\"}}");
    assertThat(e).isInstanceOf(AuthenticationExpiredException.class);
    assertThat(e.requestId()).contains("AXS25JPViBb5AY5tP5EzTnD");
    assertThat(e.getMessage()).contains("Session has expired").contains("code 190, subcode 463");
    assertThat(e.retryable()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 17, 32, 613, 80001, 80014})
  void throttle_codes_are_rate_limits_retrying_when_the_usage_headers_say(int code) {
    Instant retryAt = NOW.plus(Duration.ofMinutes(7));
    ApiResponse response = response(code == 4 ? 403 : 400, "{\"error\":{\"message\":\"(#" + code
        + ") Application request limit reached\",\"type\":\"OAuthException\",\"is_transient\":true,\"code\":" + code
        + ",\"fbtrace_id\":\"FlQgl+5U8pF\"}}", retryAt);
    ConnectorException e = GraphApiErrors.instance().map(Platform.FACEBOOK, response);
    assertThat(e).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) e).retryAt()).contains(retryAt);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void usage_header_regain_estimate_becomes_the_retry_instant_through_the_meta_strategy() {
    ApiResponse raw = response(400, "{\"error\":{\"code\":80001,\"message\":\"(#80001) There have been too many "
        + "calls to this Page account.\"}}", null,
        "x-business-use-case-usage", "{\"1234\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":20,"
            + "\"total_time\":20,\"estimated_time_to_regain_access\":12}]}");
    RateLimitStatus status = RateLimitStrategy.metaUsage().read(raw, NOW).orElseThrow();
    assertThat(status.resetAt()).contains(NOW.plus(Duration.ofMinutes(12)));
  }

  @Test
  void publishing_limit_subcode_is_a_rate_limit_that_is_not_retried_blindly() {
    ConnectorException e = map(400, "{\"error\":{\"message\":\"Application request limit reached\",\"code\":9,"
        + "\"error_subcode\":2207042,\"fbtrace_id\":\"t\"}}");
    assertThat(e).isInstanceOf(RateLimitedException.class);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void missing_object_is_not_found() {
    assertThat(map(400, "{\"error\":{\"message\":\"Unsupported get request. Object with ID '1' does not exist\","
        + "\"type\":\"GraphMethodException\",\"code\":100,\"error_subcode\":33,\"fbtrace_id\":\"t\"}}"))
        .isInstanceOf(NotFoundException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 200, 299, 368})
  void permission_codes_are_denials(int code) {
    assertThat(map(400, "{\"error\":{\"message\":\"(#" + code + ") Permissions error\",\"code\":" + code + "}}"))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void transient_and_media_not_ready_are_unavailable_and_retryable() {
    assertThat(map(500, "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"code\":2,"
        + "\"is_transient\":true}}")).isInstanceOf(PlatformUnavailableException.class);
    ConnectorException notReady = map(400, "{\"error\":{\"message\":\"Media ID is not available\",\"type\":"
        + "\"OAuthException\",\"code\":9007,\"error_subcode\":2207027,\"is_transient\":false,\"error_user_title\":"
        + "\"Cannot publish\",\"error_user_msg\":\"The media is not ready to be published. Please wait a moment.\"}}");
    assertThat(notReady).isInstanceOf(PlatformUnavailableException.class);
    assertThat(notReady.getMessage()).contains("not ready to be published");
  }

  @Test
  void invalid_parameter_is_a_content_rejection_with_the_message() {
    ConnectorException e = map(400, "{\"error\":{\"message\":\"(#100) The value must be a valid insights metric\","
        + "\"type\":\"OAuthException\",\"code\":100,\"fbtrace_id\":\"abc\"}}");
    assertThat(e).isInstanceOf(ContentRejectedException.class);
    assertThat(((ContentRejectedException) e).reason()).contains("valid insights metric");
  }

  @Test
  void bodies_without_a_graph_error_fall_back_to_the_status() {
    assertThat(map(503, "<html>down</html>")).isInstanceOf(PlatformUnavailableException.class);
  }

  @Test
  void graph_json_readers_parse_meta_timestamps_cursors_and_insights() {
    var json = JsonMapper.builder().build().readTree("{\"created_time\":\"2024-01-01T10:00:00+0000\","
        + "\"paging\":{\"cursors\":{\"before\":\"b\",\"after\":\"a\"},\"next\":\"https://x\"},"
        + "\"data\":[{\"name\":\"reach\",\"values\":[{\"value\":12}]},{\"name\":\"views\",\"values\":[]}]}");
    assertThat(GraphApi.instant(json, "created_time")).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    assertThat(GraphApi.nextCursor(json)).isEqualTo("a");
    assertThat(GraphApi.insights(json)).containsExactly(Map.entry("reach", 12L));
    var last = JsonMapper.builder().build().readTree("{\"paging\":{\"cursors\":{\"after\":\"a\"}}}");
    assertThat(GraphApi.nextCursor(last)).isNull();
  }
}
