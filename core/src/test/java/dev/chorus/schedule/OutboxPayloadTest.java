package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.model.AccountId;
import dev.chorus.model.PostId;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The outbox rows' JSON, written by hand, read back by a JSON parser. */
class OutboxPayloadTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final Instant AT = Instant.parse("2026-11-23T22:00:00.123456Z");

  static Map<String, Object> read(String payload) {
    return JSON.readValue(payload, MAP);
  }

  @Test
  void a_publication_names_every_field_in_order() {
    DispatchKey key = DispatchKey.once(WorkspaceId.of("w1"), PostId.of("p1"), AccountId.of("a1"));
    String payload = JdbcDispatchStore.payload(new DispatchEvent.Published(AT, key, "123", URI.create("https://x.test/p/1"),
        false));
    assertThat(payload).isEqualTo("{\"type\":\"Published\",\"at\":\"2026-11-23T22:00:00.123456Z\",\"workspace\":\"w1\","
        + "\"post\":\"p1\",\"account\":\"a1\",\"occurrence\":\"1970-01-01T00:00:00Z\",\"externalId\":\"123\","
        + "\"url\":\"https://x.test/p/1\"}");
  }

  @Test
  void absent_values_are_json_null_and_numbers_are_numbers() {
    DispatchKey key = DispatchKey.once(WorkspaceId.of("w1"), PostId.of("p1"), AccountId.of("a1"));
    assertThat(read(JdbcDispatchStore.payload(new DispatchEvent.RateLimited(AT, key, null))))
        .containsEntry("retryAt", null).containsEntry("type", "RateLimited");
    assertThat(read(JdbcDispatchStore.payload(new DispatchEvent.Retried(AT, key, 2, Duration.ofMillis(12_500), "503"))))
        .containsEntry("delayMillis", 12_500).containsEntry("reason", "503");
  }

  /** Any reason text (quotes, backslashes, control characters, any Unicode) survives the round trip. */
  @Property(tries = 500)
  void any_text_reads_back_as_written(@ForAll("texts") String reason, @ForAll("texts") String post) {
    DispatchKey key = DispatchKey.once(WorkspaceId.of("w"), PostId.of(post), AccountId.of("a"));
    Map<String, Object> read = read(JdbcDispatchStore.payload(new DispatchEvent.Failed(AT, key, reason)));
    assertThat(read).containsEntry("reason", reason).containsEntry("post", post).containsEntry("type", "Failed");
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withChars('"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', 'x', '\u00e9',
            '\u2028').ofMinLength(1).ofMaxLength(20))
        .filter(s -> !s.isBlank());
  }
}
