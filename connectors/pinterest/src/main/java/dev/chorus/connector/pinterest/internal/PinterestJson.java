package dev.chorus.connector.pinterest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Tolerant readers and writers of Pinterest's JSON: unknown fields are ignored, ids kept as strings. */
final class PinterestJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private PinterestJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** A string field, or {@code null} when absent or blank. Integral numbers become their decimal text. */
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

  /** A non-negative counter, or empty when absent, null or not a number: absent is never zero. */
  static OptionalLong counter(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= Long.MAX_VALUE) {
      return OptionalLong.of(Math.round(value.asDouble()));
    }
    return OptionalLong.empty();
  }

  /** Every numeric field of the object as a counter; other fields are skipped. */
  static Map<String, Long> counters(JsonNode object) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      OptionalLong value = counter(object, field.getKey());
      value.ifPresent(v -> values.put(field.getKey(), v));
    }
    return values;
  }
}
