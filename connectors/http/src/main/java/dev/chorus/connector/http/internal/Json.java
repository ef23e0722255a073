package dev.chorus.connector.http.internal;

import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

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

  /**
   * The named fields of the object at {@code path}, streamed: what {@code project(parseLenient(bytes),
   * path, fields)} gives, without building the parts of the tree nobody asked for. The whole
   * document is still read, so a body that is not JSON (or has trailing content) gives a missing
   * node, as {@link #parseLenient(byte[])} does; of repeated field names the last counts, as in a tree.
   */
  public static JsonNode fields(byte[] bytes, List<String> path, Set<String> fields) {
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      if (parser.nextToken() == null) {
        return MissingNode.getInstance();
      }
      JsonNode found = select(parser, path, 0, fields);
      // MAPPER fails on trailing tokens (Jackson 3's default), so a tree would not have been built.
      return parser.nextToken() == null ? found : MissingNode.getInstance();
    } catch (JacksonException notJson) {
      return MissingNode.getInstance();
    }
  }

  /** Reads the value the parser stands on, keeping only what {@code path} and {@code fields} name. */
  private static JsonNode select(JsonParser parser, List<String> path, int depth, Set<String> fields) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return MissingNode.getInstance();
    }
    boolean target = depth == path.size();
    ObjectNode kept = target ? MAPPER.createObjectNode() : null;
    JsonNode below = MissingNode.getInstance();
    String name;
    while ((name = parser.nextName()) != null) {
      parser.nextToken();
      if (target && fields.contains(name)) {
        // Not MAPPER.readTree(parser): that would insist the document ends after this value.
        kept.set(name, (JsonNode) parser.readValueAsTree());
      } else if (!target && name.equals(path.get(depth))) {
        below = select(parser, path, depth + 1, fields);
      } else {
        parser.skipChildren();
      }
    }
    return target ? kept : below;
  }

  /** The named fields of the object at {@code path} of a parsed tree (see {@link #fields}). */
  public static JsonNode project(JsonNode root, List<String> path, Set<String> fields) {
    JsonNode node = root;
    for (String name : path) {
      node = node.path(name);
    }
    if (!node.isObject()) {
      return MissingNode.getInstance();
    }
    ObjectNode kept = MAPPER.createObjectNode();
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (value != null) {
        kept.set(field, value);
      }
    }
    return kept;
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
