package dev.chorus.connector.bluesky.internal;

import com.twitter.twittertext.TldLists;
import dev.chorus.text.CountingRule;
import dev.chorus.text.TextEntities;
import dev.chorus.text.TextRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds mentions, links and hashtags in post text by the rules the official Bluesky client applies
 * (RichText.detectFacets): detection on the UTF-16 string, byte offsets computed at the end. The
 * JavaScript patterns are translated with JavaScript's meaning of {@code \s} (Unicode white space)
 * and {@code \b} (ASCII word boundary), which differ from Java's defaults.
 */
public final class FacetDetector {

  /** JavaScript's {@code \s}: every Unicode space separator, line terminators and the BOM. */
  private static final String WS = "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";

  /** JavaScript's {@code \b} after an ASCII handle character. */
  private static final String ASCII_BOUNDARY =
      "(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))";

  private static final Pattern MENTION =
      Pattern.compile("(^|[" + WS + "]|\\()(@)([a-zA-Z0-9.-]+)" + ASCII_BOUNDARY);

  private static final Pattern LINK = Pattern.compile(
      "(^|[" + WS + "]|\\()((https?://[^" + WS + "]+)|((?<domain>[a-z][a-z0-9]*(\\.[a-z0-9]+)+)[^" + WS + "]*))",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private static final String TAG_STOP = WS + "\\u00AD\\u2060\\u200A\\u200B\\u200C\\u200D\\u20E2";

  private static final Pattern TAG = Pattern.compile(
      "(^|[" + WS + "])[#\\uFF03]((?!\\uFE0F)[^" + TAG_STOP + "]*[^\\d\\p{P}" + TAG_STOP + "]+[^" + TAG_STOP + "]*)?");

  private static final Pattern CASHTAG =
      Pattern.compile("(^|[" + WS + "]|\\()\\$([A-Za-z][A-Za-z0-9]{0,4})(?=[" + WS + "]|$|[.,;:!?)\"'\\u2019])");

  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("\\p{P}+$");

  private static final int MAX_TAG_GRAPHEMES = 64;

  private static final Set<String> TLDS = tlds();

  private FacetDetector() {}

  /**
   * Every facet in {@code text}, sorted by start. Mentions carry the handle; the caller resolves it
   * to a DID and drops the facet when that fails.
   */
  public static List<Facet> detect(String text) {
    Objects.requireNonNull(text, "text");
    List<Facet> facets = new ArrayList<>();
    mentions(text, facets);
    links(text, facets);
    tags(text, facets);
    cashtags(text, facets);
    facets.sort(Comparator.comparingInt(Facet::start));
    return List.copyOf(facets);
  }

  /** Whether {@code domain} ends in a known top-level domain, as the official client checks it. */
  public static boolean isValidDomain(String domain) {
    int dot = domain.lastIndexOf('.');
    return dot > 0 && dot < domain.length() - 1
        && TLDS.contains(domain.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static void mentions(String text, List<Facet> out) {
    Matcher m = MENTION.matcher(text);
    while (m.find()) {
      String handle = m.group(3);
      if (!isValidDomain(handle) && !handle.endsWith(".test")) {
        continue;
      }
      int start = m.start(2);
      int end = m.end(3);
      out.add(facet(text, Facet.Kind.MENTION, start, end, handle));
    }
  }

  private static void links(String text, List<Facet> out) {
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      String uri = m.group(2);
      if (m.group(3) == null) {
        String domain = m.group("domain");
        if (domain == null || !isValidDomain(domain)) {
          continue;
        }
        uri = "https://" + uri;
      }
      int start = m.start(2);
      int end = m.end(2);
      if (!uri.isEmpty() && ".,;:!?".indexOf(uri.charAt(uri.length() - 1)) >= 0) {
        uri = uri.substring(0, uri.length() - 1);
        end--;
      }
      if (uri.endsWith(")") && uri.indexOf('(') < 0) {
        uri = uri.substring(0, uri.length() - 1);
        end--;
      }
      out.add(facet(text, Facet.Kind.LINK, start, end, uri));
    }
  }

  private static void tags(String text, List<Facet> out) {
    Matcher m = TAG.matcher(text);
    while (m.find()) {
      String tag = m.group(2);
      if (tag == null) {
        continue;
      }
      tag = TRAILING_PUNCTUATION.matcher(tag.strip()).replaceAll("");
      if (tag.isEmpty() || TextRules.count(CountingRule.GRAPHEMES, tag) > MAX_TAG_GRAPHEMES) {
        continue;
      }
      int start = m.end(1);
      out.add(facet(text, Facet.Kind.TAG, start, start + 1 + tag.length(), tag));
    }
  }

  private static void cashtags(String text, List<Facet> out) {
    Matcher m = CASHTAG.matcher(text);
    while (m.find()) {
      int start = m.end(1);
      int end = m.end(2);
      out.add(facet(text, Facet.Kind.TAG, start, end, "$" + m.group(2).toUpperCase(Locale.ROOT)));
    }
  }

  private static Facet facet(String text, Facet.Kind kind, int start, int end, String value) {
    return new Facet(kind, start, end, TextEntities.utf8Range(text, start, end), value);
  }

  private static Set<String> tlds() {
    Set<String> all = new HashSet<>();
    TldLists.GTLDS.forEach(t -> all.add(t.toLowerCase(Locale.ROOT)));
    TldLists.CTLDS.forEach(t -> all.add(t.toLowerCase(Locale.ROOT)));
    return Set.copyOf(all);
  }
}
