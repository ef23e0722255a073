package dev.chorus.connector.bluesky.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** JSON helpers for XRPC bodies; unknown fields are always ignored. */
final class BskyJson {

  static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private BskyJson() {}

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null ? MissingNode.getInstance() : node;
    } catch (JacksonException notJson) {
      return MissingNode.getInstance();
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() && !value.stringValue().isEmpty() ? value.stringValue() : null;
  }

  /** A non-negative integer field, or null when absent (absent is not zero). */
  static Long count(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isIntegralNumber() && value.asLong() >= 0 ? value.asLong() : null;
  }
}
