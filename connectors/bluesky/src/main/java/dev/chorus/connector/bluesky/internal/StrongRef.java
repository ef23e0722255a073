package dev.chorus.connector.bluesky.internal;

import dev.chorus.InvalidValueException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code com.atproto.repo.strongRef}: a record's URI and the CID of the exact version.
 *
 * @param uri the AT URI
 * @param cid the content id
 */
record StrongRef(String uri, String cid) {

  StrongRef {
    if (uri == null || uri.isBlank() || cid == null || cid.isBlank()) {
      throw new InvalidValueException("strongRef", uri, "needs a uri and a cid");
    }
  }

  /** Reads {@code {"uri":…,"cid":…}}; null when either is missing. */
  static StrongRef from(JsonNode node) {
    String uri = BskyJson.text(node, "uri");
    String cid = BskyJson.text(node, "cid");
    return uri == null || cid == null ? null : new StrongRef(uri, cid);
  }

  /** The form kept in a checkpoint. */
  String encode() {
    return uri + " " + cid;
  }

  static StrongRef decode(String text) {
    int space = text.indexOf(' ');
    if (space < 0) {
      throw new InvalidValueException("checkpoint", text, "is not a strong reference");
    }
    return new StrongRef(text.substring(0, space), text.substring(space + 1));
  }

  ObjectNode toJson() {
    ObjectNode node = BskyJson.MAPPER.createObjectNode();
    node.put("uri", uri);
    node.put("cid", cid);
    return node;
  }
}
