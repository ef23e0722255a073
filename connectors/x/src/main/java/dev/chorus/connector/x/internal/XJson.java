package dev.chorus.connector.x.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Tolerant readers of X's JSON: unknown fields are ignored and ids are kept as opaque strings. */
final class XJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private XJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** A string field, or {@code null}. Numbers are accepted and kept as their decimal text. */
  static String text(JsonNode node, String field) {
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

  /** A non-negative counter, or empty when absent, null or not a number. */
  static OptionalLong counter(JsonNode node, String field) {
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

  /** An ISO-8601 instant such as {@code 2024-01-15T10:30:00.000Z}, or {@code null}. */
  static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException bad) {
      return null;
    }
  }
}
