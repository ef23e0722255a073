package dev.chorus.connector.http;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Readers for the Meta Graph API's JSON shared by the Facebook, Instagram and Threads connectors:
 * opaque string ids, counters that may be absent, {@code 2024-01-01T10:00:00+0000} timestamps,
 * cursor paging and insights {@code data[]}. Unknown fields are ignored everywhere.
 */
public final class GraphApi {

  /** The Graph API version the connectors default to; each keeps it configurable. */
  public static final String DEFAULT_VERSION = "v21.0";

  private static final DateTimeFormatter GRAPH_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .appendPattern("[XXX][XX][X]")
      .toFormatter(java.util.Locale.ROOT);

  private GraphApi() {}

  /**
   * Checks the body of a Graph write that answers {@code {"success":true}}: an explicit {@code
   * false} becomes a {@link dev.chorus.connector.ContentRejectedException} naming {@code what}; a body
   * without the field is taken as success (the call itself answered 2xx).
   */
  public static void requireSuccess(dev.chorus.model.Platform platform, ApiResponse response, String what) {
    JsonNode success = response.json().path("success");
    if (success.isBoolean() && !success.booleanValue()) {
      throw new dev.chorus.connector.ContentRejectedException(platform, response.status(),
          response.requestId().orElse(null), platform.id() + " answered success=false " + what);
    }
  }

  /** A string field, or {@code null} when absent or blank; integral numbers come back as decimal text. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isString()) {
      String text = value.stringValue();
      return text.isBlank() ? null : text;
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    return null;
  }

  /** A non-negative counter, or empty when absent, null or not a number (absent is not zero). */
  public static OptionalLong counter(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
      return OptionalLong.of(value.asLong());
    }
    if (value.isString()) {
      try {
        long parsed = Long.parseLong(value.stringValue().trim());
        return parsed >= 0 ? OptionalLong.of(parsed) : OptionalLong.empty();
      } catch (NumberFormatException notNumber) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /** A Graph timestamp ({@code 2024-01-01T10:00:00+0000}, or ISO-8601 with {@code Z}), or {@code null}. */
  public static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    try {
      return GRAPH_TIME.parse(text, java.time.OffsetDateTime::from).toInstant();
    } catch (DateTimeParseException bad) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException alsoBad) {
        return null;
      }
    }
  }

  /**
   * The cursor of the next page: {@code paging.cursors.after} when {@code paging.next} is present
   * (Meta keeps sending an {@code after} cursor on the last page, without {@code next}), else null.
   */
  public static String nextCursor(JsonNode body) {
    JsonNode paging = body.path("paging");
    if (text(paging, "next") == null) {
      return null;
    }
    return text(paging.path("cursors"), "after");
  }

  /**
   * The insights of a {@code /insights} response or an {@code insights} field: metric name to the
   * latest value of {@code values[]}. A metric with no values, or a non-numeric value, is absent
   * (Meta returns an empty array for unavailable data, which is not zero).
   */
  public static Map<String, Long> insights(JsonNode insights) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (JsonNode metric : insights.path("data")) {
      String name = text(metric, "name");
      JsonNode series = metric.path("values");
      if (name == null || !series.isArray() || series.isEmpty()) {
        continue;
      }
      counter(series.get(series.size() - 1), "value").ifPresent(value -> values.put(name, value));
    }
    return values;
  }
}
