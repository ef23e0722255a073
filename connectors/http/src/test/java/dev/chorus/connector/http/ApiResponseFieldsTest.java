package dev.chorus.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.http.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The streamed field reads and the wire-backed headers give what the tree and the header map give. */
class ApiResponseFieldsTest {

  private static final Set<String> STATUS = Set.of("id", "created_at", "scheduled_at", "params", "url");

  private static ApiResponse response(String body) {
    return new ApiResponse(200, Headers.of(), body.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void streamed_fields_equal_the_projection_of_the_full_tree() {
    String[] bodies = {
        "{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"hi\",\"edit_history_tweet_ids\":[\"1\"]}}",
        "{\"data\":{\"id\":1445880548472328192}}",
        "{\"data\":{\"id\":123456789012345678901234567890}}",
        "{\"data\":{\"id\":null,\"text\":\"no id\"}}",
        "{\"data\":{\"id\":\"1\"},\"data\":{\"id\":\"2\"}}",
        "{\"data\":{\"id\":\"1\",\"id\":\"3\"}}",
        "{\"data\":[{\"id\":\"1\"}]}",
        "{\"data\":\"1\"}",
        "{\"errors\":[{\"message\":\"x\"}],\"meta\":{\"data\":{\"id\":\"9\"}}}",
        "{\"id\":\"103\",\"created_at\":\"2026-11-23T20:00:00.000Z\",\"url\":\"https://m.example/@a/103\","
            + "\"content\":\"<p>x</p>\",\"account\":{\"id\":\"1\",\"url\":\"https://m.example/@a\"},\"tags\":[]}",
        "{\"id\":\"7\",\"scheduled_at\":\"2026-12-01T10:00:00.000Z\",\"params\":{\"text\":\"x\",\"poll\":null}}",
        "{\"id\":\"7\",\"params\":null}",
        "[1,2,3]", "null", "42", "\"text\"", "", "   ",
        "{\"data\":{\"id\":\"1\"}", "{\"data\":{\"id\":\"1\"}} trailing", "{\"data\":{\"id\":\"1\"}} {}",
        "<html>502 Bad Gateway</html>", "{\"data\":{\"id\":\"1\",}}"};
    for (String body : bodies) {
      for (List<String> path : List.of(List.of("data"), List.<String>of())) {
        Set<String> fields = path.isEmpty() ? STATUS : Set.of("id");
        JsonNode streamed = response(body).jsonFields(path, fields);
        JsonNode fromTree = Json.project(response(body).json(), path, fields);
        assertThat(streamed).as(body + " at " + path).isEqualTo(fromTree);
      }
    }
  }

  @Test
  void reads_only_the_named_fields_and_takes_the_last_of_repeated_names() {
    JsonNode data = response("{\"data\":{\"id\":\"1\",\"text\":\"hi\",\"id\":\"2\"},\"includes\":{}}")
        .jsonFields(List.of("data"), Set.of("id"));
    assertThat(data.size()).isEqualTo(1);
    assertThat(data.path("id").stringValue()).isEqualTo("2");
    JsonNode status = response("{\"id\":\"7\",\"params\":{\"text\":\"x\"},\"content\":\"<p>x</p>\"}")
        .jsonFields(List.of(), STATUS);
    assertThat(status.has("params")).isTrue();
    assertThat(status.has("content")).isFalse();
    assertThat(status.path("params").path("text").stringValue()).isEqualTo("x");
    assertThat(response("{\"id\":\"7\"} {}").jsonFields(List.of(), STATUS).isMissingNode()).isTrue();
  }

  @Test
  void wire_headers_answer_like_the_header_map() {
    Headers wire = new Headers.Builder()
        .add("X-RateLimit-Limit", "300")
        .add("x-ratelimit-limit", "299")
        .add("Link", "<https://m.example/a>; rel=\"next\"")
        .add("Link", "<https://m.example/b>; rel=\"prev\"")
        .build();
    ApiResponse streamed = new ApiResponse(200, wire, new byte[0], null);
    ApiResponse mapped = new ApiResponse(200, wire.toMultimap(), new byte[0], null, null);
    assertThat(streamed.headers()).isEqualTo(mapped.headers());
    assertThat(streamed.headers()).containsOnlyKeys("x-ratelimit-limit", "link");
    assertThat(streamed.headers().get("X-RATELIMIT-LIMIT")).containsExactly("300", "299");
    for (String name : List.of("x-ratelimit-limit", "X-RateLimit-Limit", "LINK", "link", "absent")) {
      assertThat(streamed.header(name)).as(name).isEqualTo(mapped.header(name));
    }
    // The first value, as the map's first entry: 300, not OkHttp's last-value 299.
    assertThat(streamed.header("x-ratelimit-limit")).contains("300");
    assertThat(Map.copyOf(streamed.withRetryAt(java.time.Instant.EPOCH).headers())).isEqualTo(mapped.headers());
  }
}
