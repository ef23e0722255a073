package dev.chorus.connector.bluesky.internal;

import dev.chorus.InvalidValueException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Maps between AT URIs and the opaque external ids Chorus stores. A post in the account's own repo
 * is identified by its record key (the URI is the account's DID, the collection and that key); any
 * other record keeps its full {@code at://} URI. Both forms are accepted wherever an id is read.
 */
public final class PostIds {

  /** The collection of posts. */
  public static final String POST_COLLECTION = "app.bsky.feed.post";

  private static final Pattern RKEY = Pattern.compile("[A-Za-z0-9._:~-]{1,512}");

  private PostIds() {}

  /** The external id of the record at {@code uri}, compact when it is a post of {@code did}. */
  public static String externalId(String uri, String did) {
    String[] parts = parts(uri);
    if (parts != null && parts[0].equals(did) && parts[1].equals(POST_COLLECTION)) {
      return parts[2];
    }
    return uri;
  }

  /** The AT URI behind an external id; a bare record key names a post of {@code did}. */
  public static String uri(String externalId, String did) {
    if (externalId == null || externalId.isBlank()) {
      throw new InvalidValueException("externalId", externalId, "must not be blank");
    }
    if (externalId.startsWith("at://")) {
      if (parts(externalId) == null) {
        throw new InvalidValueException("externalId", externalId,
            "is not an AT URI of the form at://did/collection/rkey");
      }
      return externalId;
    }
    if (!RKEY.matcher(externalId).matches() || ".".equals(externalId) || "..".equals(externalId)) {
      throw new InvalidValueException("externalId", externalId, "is neither an AT URI nor a record key");
    }
    return "at://" + did + "/" + POST_COLLECTION + "/" + externalId;
  }

  /** The repo (DID) of an AT URI. */
  public static String repo(String uri) {
    return checked(uri)[0];
  }

  /** The record key of an AT URI. */
  public static String rkey(String uri) {
    return checked(uri)[2];
  }

  /** The collection of an AT URI. */
  public static String collection(String uri) {
    return checked(uri)[1];
  }

  /** The bsky.app web address of a post. */
  public static URI webUrl(String uri) {
    String[] parts = checked(uri);
    return URI.create("https://bsky.app/profile/" + parts[0] + "/post/" + parts[2]);
  }

  private static String[] checked(String uri) {
    String[] parts = parts(uri);
    if (parts == null) {
      throw new InvalidValueException("uri", uri, "is not an AT URI of the form at://did/collection/rkey");
    }
    return parts;
  }

  private static String[] parts(String uri) {
    if (uri == null || !uri.startsWith("at://")) {
      return null;
    }
    String[] parts = uri.substring(5).split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !RKEY.matcher(parts[2]).matches()) {
      return null;
    }
    return parts;
  }
}
