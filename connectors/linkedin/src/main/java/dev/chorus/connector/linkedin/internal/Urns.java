package dev.chorus.connector.linkedin.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.model.SocialAccount;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URN helpers: authors, path encoding, and the Rest.li forms LinkedIn expects. */
final class Urns {

  static final String PERSON = "urn:li:person:";
  static final String ORGANIZATION = "urn:li:organization:";

  private Urns() {}

  /**
   * The author URN of an account: its external id, which must be a person or organization URN.
   *
   * @throws InvalidValueException when it is neither
   */
  static String author(SocialAccount account) {
    String id = account.externalId();
    if ((id.startsWith(PERSON) && id.length() > PERSON.length())
        || (id.startsWith(ORGANIZATION) && id.length() > ORGANIZATION.length())) {
      return id;
    }
    throw new InvalidValueException("account.externalId", id,
        "must be a LinkedIn author URN, urn:li:person:{id} or urn:li:organization:{id}");
  }

  static boolean isOrganization(String urn) {
    return urn.startsWith(ORGANIZATION);
  }

  /** Percent-encodes a URN for a path segment or a Rest.li list item ({@code :} becomes {@code %3A}). */
  static String encode(String urn) {
    return URLEncoder.encode(urn, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Decodes an {@code x-restli-id} header, which may arrive URL-encoded. */
  static String decodeHeader(String value) {
    String trimmed = value.strip();
    return trimmed.contains("%") ? URLDecoder.decode(trimmed, StandardCharsets.UTF_8) : trimmed;
  }

  /** The public address of a post (feed update page). */
  static URI postUrl(String urn) {
    return URI.create("https://www.linkedin.com/feed/update/" + encode(urn) + "/");
  }

  /**
   * For a comment URN {@code urn:li:comment:(urn:li:activity:1,2)} the URN it comments on; otherwise
   * null.
   */
  static String commentTarget(String urn) {
    if (!urn.startsWith("urn:li:comment:(") || !urn.endsWith(")")) {
      return null;
    }
    String inner = urn.substring("urn:li:comment:(".length(), urn.length() - 1);
    int comma = inner.lastIndexOf(',');
    return comma <= 0 ? null : inner.substring(0, comma);
  }
}
