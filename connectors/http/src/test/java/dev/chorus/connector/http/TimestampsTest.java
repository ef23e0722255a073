package dev.chorus.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  /** What connectors did before: an offset date-time, else an instant, else nothing. */
  private static Optional<Instant> reference(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notOffset) {
      try {
        return Optional.of(Instant.parse(text));
      } catch (DateTimeParseException malformed) {
        return Optional.empty();
      }
    }
  }

  @Test
  void reads_the_usual_utc_forms_by_hand() {
    // utc() is the hand-written path alone: it must take these forms (not null) and agree with java.time.
    assertThat(Timestamps.utc("2026-11-23T20:00:00.000Z")).isEqualTo(Instant.parse("2026-11-23T20:00:00Z"));
    assertThat(Timestamps.utc("2026-01-01T12:05:00.000000Z")).isEqualTo(Instant.parse("2026-01-01T12:05:00Z"));
    assertThat(Timestamps.utc("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    // .5 s = 500 000 000 ns; .000001 s = 1 000 ns; .123456789 s = 123 456 789 ns; 1 day = 86 400 s.
    assertThat(Timestamps.utc("1970-01-02T01:01:01Z")).isEqualTo(Instant.ofEpochSecond(86_400 + 3_600 + 60 + 1));
    assertThat(Timestamps.utc("1970-01-01T00:00:00.5Z")).isEqualTo(Instant.ofEpochSecond(0, 500_000_000));
    assertThat(Timestamps.utc("1970-01-01T00:00:00.000001Z")).isEqualTo(Instant.ofEpochSecond(0, 1_000));
    assertThat(Timestamps.utc("1970-01-01T00:00:01.123456789Z")).isEqualTo(Instant.ofEpochSecond(1, 123_456_789));
  }

  @Test
  void leaves_other_forms_to_java_time_with_the_same_result() {
    for (String text : new String[] {
        "2026-11-23T21:00:00+01:00", "2026-11-23T20:00Z", "2026-11-23t20:00:00z", "2015-06-30T23:59:60Z",
        "2023-02-29T10:00:00Z", "2026-13-01T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T20:00:00.Z",
        "2026-11-23T20:00:00.1234567890Z", "+12026-11-23T20:00:00Z", "2026-11-23 20:00:00Z", "2026-11-23",
        "yesterday", "", "   "}) {
      assertThat(Timestamps.parse(text)).as(text).isEqualTo(reference(text));
    }
    assertThat(Timestamps.utc("2026-11-23T21:00:00+01:00")).isNull();
    assertThat(Timestamps.utc("2023-02-29T10:00:00Z")).isNull();
    assertThat(Timestamps.utc("2026-11-23T24:00:00Z")).isNull();
    assertThat(Timestamps.parse("2026-11-23T21:00:00+01:00")).contains(Instant.parse("2026-11-23T20:00:00Z"));
    assertThat(Timestamps.parse(null)).isEmpty();
  }

  @Test
  void agrees_with_java_time_on_random_near_canonical_texts() {
    Random random = new Random(20261123L);
    char[] noise = {'0', '9', '-', ':', 'T', 'Z', '.', '+', ' ', 'x'};
    int fastPath = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
          random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62),
          random.nextInt(62)));
      int fraction = random.nextInt(12) - 1;
      if (fraction >= 0) {
        text.append('.');
        for (int d = 0; d < fraction; d++) {
          text.append((char) ('0' + random.nextInt(10)));
        }
      }
      text.append(random.nextInt(10) == 0 ? "+02:00" : "Z");
      if (random.nextInt(8) == 0) {
        text.setCharAt(random.nextInt(text.length()), noise[random.nextInt(noise.length)]);
      }
      String value = text.toString();
      if (Timestamps.utc(value) != null) {
        fastPath++;
      }
      assertThat(Timestamps.parse(value)).as(value).isEqualTo(reference(value));
    }
    // Most generated texts are valid UTC forms, so the comparison exercised the hand-written path.
    assertThat(fastPath).isGreaterThan(5_000);
  }
}
