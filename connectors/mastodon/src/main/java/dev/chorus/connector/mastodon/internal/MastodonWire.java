package dev.chorus.connector.mastodon.internal;

import dev.chorus.connector.http.Timestamps;
import dev.chorus.connector.mastodon.InstanceLimits;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Mastodon's wire format: parsing of its JSON, HTML content and Link headers. Stateless. */
public final class MastodonWire {

  /** Immutable and thread-safe; ignores fields it does not know. */
  public static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final Pattern LINK_PART = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([^\";]+)\"?");
  private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
  private static final Pattern PARAGRAPH = Pattern.compile("(?i)</p>\\s*<p[^>]*>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);");
  private static final Pattern REMOTE_MENTION =
      Pattern.compile("(?<![=/\\w])@([a-z0-9_]+(?:[a-z0-9_.\\-]+[a-z0-9_]+)?)@[\\w.\\-]+\\w+",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private MastodonWire() {}

  /** A string field, or {@code null} when absent, null or not a string. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isString()) {
      return value.stringValue();
    }
    return value.isNumber() ? value.asString() : null;
  }

  /** A non-negative integer field, or {@code null} when absent or not a number. */
  public static Long count(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isIntegralNumber() && value.asLong() >= 0 ? value.asLong() : null;
  }

  /** An ISO-8601 instant, or {@code null} when absent or malformed. */
  public static Instant instant(String text) {
    return Timestamps.parse(text).orElse(null);
  }

  /** A URI, or {@code null} when absent or malformed. */
  public static URI uri(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(text);
      return uri.isAbsolute() ? uri : null;
    } catch (java.net.URISyntaxException malformed) {
      return null;
    }
  }

  /**
   * The {@code max_id} of the {@code rel="next"} link of a {@code Link} header, or {@code null}
   * when there is no next page.
   */
  public static String nextMaxId(String linkHeader) {
    if (linkHeader == null) {
      return null;
    }
    Matcher matcher = LINK_PART.matcher(linkHeader);
    while (matcher.find()) {
      if (matcher.group(2).trim().equalsIgnoreCase("next")) {
        HttpUrl url = HttpUrl.parse(matcher.group(1).trim());
        String maxId = url == null ? null : url.queryParameter("max_id");
        return maxId == null || maxId.isBlank() ? null : maxId;
      }
    }
    return null;
  }

  /** The plain text of a status's HTML {@code content}: breaks kept, tags dropped, entities decoded. */
  public static String plainText(String html) {
    if (html == null) {
      return "";
    }
    String text = PARAGRAPH.matcher(html).replaceAll("\n\n");
    text = BREAK.matcher(text).replaceAll("\n");
    text = TAG.matcher(text).replaceAll("");
    Matcher entity = ENTITY.matcher(text);
    StringBuilder decoded = new StringBuilder(text.length());
    while (entity.find()) {
      entity.appendReplacement(decoded, Matcher.quoteReplacement(decode(entity.group(1))));
    }
    entity.appendTail(decoded);
    return decoded.toString();
  }

  private static String decode(String entity) {
    switch (entity) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return "\"";
      case "apos":
        return "'";
      case "nbsp":
        return " ";
      default:
        int codePoint = entity.startsWith("#x")
            ? Integer.parseInt(entity.substring(2), 16)
            : Integer.parseInt(entity.substring(1));
        return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : "";
    }
  }

  /**
   * A text reduced to what survives Mastodon's rendering, for comparing what was sent with the
   * content it shows: remote mentions as their local part, whitespace collapsed.
   */
  public static String comparable(String text) {
    String reduced = REMOTE_MENTION.matcher(text).replaceAll("@$1");
    return SPACE.matcher(reduced).replaceAll(" ").strip();
  }

  /** The instance's limits from {@code GET /api/v2/instance}, defaults for whatever it leaves out. */
  public static InstanceLimits instanceLimits(JsonNode root) {
    InstanceLimits d = InstanceLimits.DEFAULTS;
    JsonNode config = root.path("configuration");
    JsonNode statuses = config.path("statuses");
    JsonNode media = config.path("media_attachments");
    JsonNode polls = config.path("polls");
    Set<String> mimeTypes = new LinkedHashSet<>();
    JsonNode types = media.path("supported_mime_types");
    for (int i = 0; i < types.size(); i++) {
      if (types.get(i).isString()) {
        mimeTypes.add(types.get(i).stringValue());
      }
    }
    return new InstanceLimits(
        positiveInt(statuses, "max_characters", d.maxCharacters()),
        (int) nonNegative(statuses, "characters_reserved_per_url", d.charactersReservedPerUrl()),
        positiveInt(statuses, "max_media_attachments", d.maxMediaAttachments()),
        positive(media, "image_size_limit", d.imageSizeLimit()),
        positive(media, "video_size_limit", d.videoSizeLimit()),
        positive(media, "image_matrix_limit", d.imageMatrixLimit()),
        positive(media, "video_matrix_limit", d.videoMatrixLimit()),
        positiveInt(media, "description_limit", d.descriptionLimit()),
        types.isArray() ? mimeTypes : d.supportedMimeTypes(),
        positiveInt(polls, "max_options", d.pollMaxOptions()),
        positiveInt(polls, "max_characters_per_option", d.pollMaxCharactersPerOption()),
        Duration.ofSeconds(positive(polls, "min_expiration", d.pollMinExpiration().getSeconds())),
        Duration.ofSeconds(positive(polls, "max_expiration", d.pollMaxExpiration().getSeconds())));
  }

  private static long positive(JsonNode node, String field, long fallback) {
    JsonNode value = node.path(field);
    return value.isIntegralNumber() && value.asLong() > 0 && value.asLong() < Long.MAX_VALUE / 2
        ? value.asLong() : fallback;
  }

  private static int positiveInt(JsonNode node, String field, int fallback) {
    JsonNode value = node.path(field);
    return value.isIntegralNumber() && value.asLong() > 0 && value.asLong() <= Integer.MAX_VALUE
        ? value.asInt() : fallback;
  }

  private static long nonNegative(JsonNode node, String field, long fallback) {
    JsonNode value = node.path(field);
    return value.isIntegralNumber() && value.asLong() >= 0 && value.asLong() < 10_000 ? value.asLong() : fallback;
  }
}
