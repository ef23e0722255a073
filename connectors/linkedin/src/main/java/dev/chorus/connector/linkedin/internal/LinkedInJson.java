package dev.chorus.connector.linkedin.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/** The connector's JSON mapper (unknown fields ignored) and tree helpers. */
final class LinkedInJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private LinkedInJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

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

  /** A string field, or null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.stringValue() : null;
  }

  /** A whole-number field, or null when absent (absent is not zero). */
  static Long count(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isIntegralNumber() && value.asLong() >= 0 ? value.asLong() : null;
  }
}
