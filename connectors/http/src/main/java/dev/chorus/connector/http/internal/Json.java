package dev.chorus.connector.http.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** The module's one JSON mapper (lenient: unknown fields are ignored) and small tree helpers. */
public final class Json {

  /** Shared, immutable and thread-safe. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private Json() {}

  /** The parsed tree, or a missing node when the bytes are empty or not JSON. */
  public static JsonNode parseLenient(byte[] bytes) {
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      return node == null ? MissingNode.getInstance() : node;
    } catch (JacksonException notJson) {
      return MissingNode.getInstance();
    }
  }

  /** The parsed tree, or a missing node when the text is not JSON. */
  public static JsonNode parseLenient(String text) {
    return parseLenient(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A string field's value, or {@code null} when absent or not a string. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.stringValue() : null;
  }

  /** A numeric (or numeric-string) field's value, or {@code fallback}. */
  public static long number(JsonNode node, String field, long fallback) {
    JsonNode value = node.path(field);
    if (value.isNumber()) {
      return value.asLong();
    }
    if (value.isString()) {
      try {
        return Long.parseLong(value.stringValue().trim());
      } catch (NumberFormatException notNumber) {
        return fallback;
      }
    }
    return fallback;
  }
}
