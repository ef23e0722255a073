package dev.chorus.connector.http.internal;

import dev.chorus.connector.http.oauth.OAuthTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Serialises {@link OAuthTokens} for byte-level stores (a small versioned JSON document). */
public final class TokenCodec {

  private TokenCodec() {}

  /** The JSON bytes. */
  public static byte[] encode(OAuthTokens tokens) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("v", 1);
    node.put("access_token", tokens.accessToken());
    tokens.refreshToken().ifPresent(r -> node.put("refresh_token", r));
    tokens.expiresAt().ifPresent(e -> node.put("expires_at", e.toString()));
    node.put("scope", tokens.scope());
    ObjectNode attributes = node.putObject("attributes");
    tokens.attributes().forEach(attributes::put);
    return Json.MAPPER.writeValueAsBytes(node);
  }

  /** The tokens, or {@code null} when the bytes are not a token document. */
  public static OAuthTokens decode(byte[] bytes) {
    JsonNode node = Json.parseLenient(bytes);
    String access = Json.text(node, "access_token");
    if (access == null) {
      return null;
    }
    String expires = Json.text(node, "expires_at");
    OAuthTokens.Builder builder = OAuthTokens.builder()
        .accessToken(access)
        .refreshToken(Json.text(node, "refresh_token"))
        .expiresAt(expires == null ? null : Instant.parse(expires))
        .scope(Json.text(node, "scope"));
    for (Map.Entry<String, JsonNode> attribute : node.path("attributes").properties()) {
      if (attribute.getValue().isString()) {
        builder.attribute(attribute.getKey(), attribute.getValue().stringValue());
      }
    }
    return builder.build();
  }

  /** UTF-8 bytes. */
  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
