package dev.chorus.connector.tiktok.internal;

import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Tolerant readers and writers of TikTok's JSON: unknown fields are ignored, ids kept as strings. */
final class TikTokJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private TikTokJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** A string field, or {@code null} when absent or blank. Integral numbers become their decimal text. */
  static String text(JsonNode node, String field) {
    return text(node.path(field));
  }

  /** The node as text: a non-blank string or an integral number's decimal text, else {@code null}. */
  static String text(JsonNode value) {
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
    if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
      return OptionalLong.of(value.asLong());
    }
    return OptionalLong.empty();
  }

  /** A boolean field, or the fallback when absent or not a boolean. */
  static boolean bool(JsonNode node, String field, boolean fallback) {
    JsonNode value = node.path(field);
    return value.isBoolean() ? value.booleanValue() : fallback;
  }
}
