package dev.chorus.connector.http.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** Removes secrets from headers, URLs, form bodies, JSON and free text before anything is logged. */
public final class Redactor {

  /** What a secret is replaced with. */
  public static final String MASK = "<redacted>";

  private static final Set<String> SENSITIVE_HEADERS =
      Set.of(
          "authorization",
          "proxy-authorization",
          "cookie",
          "set-cookie",
          "x-api-key",
          "x-auth-token",
          "x-csrf-token",
          "x-amz-security-token");

  private static final Set<String> SENSITIVE_EXACT =
      Set.of("code", "code_verifier", "password", "sig", "signature", "api_key", "apikey", "cookie");

  private static final String NAME = "[A-Za-z0-9_.\\-\\[\\]]+";
  private static final Pattern PAIR = Pattern.compile("(" + NAME + ")=([^&\\s\"',;]*)");
  private static final Pattern JSON_FIELD =
      Pattern.compile("\"(" + NAME + ")\"(\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern AUTH_SCHEME =
      Pattern.compile("(?i)\\b(Bearer|Basic|OAuth)\\s+[A-Za-z0-9\\-._~+/=]+");

  private Redactor() {}

  /** True for parameter and field names that carry secrets (tokens, secrets, passwords, codes). */
  public static boolean isSensitiveName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("token")
        || lower.contains("secret")
        || lower.contains("password")
        || lower.contains("jwt")
        || lower.contains("session")
        || SENSITIVE_EXACT.contains(lower);
  }

  /** True for headers whose value must never be logged. */
  public static boolean isSensitiveHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SENSITIVE_HEADERS.contains(lower) || isSensitiveName(lower);
  }

  /** The header value, or the mask for sensitive headers. */
  public static String header(String name, String value) {
    return isSensitiveHeader(name) ? MASK : text(value);
  }

  /** The URL with the values of sensitive query parameters masked. */
  public static String url(HttpUrl url) {
    HttpUrl.Builder builder = url.newBuilder();
    for (String name : url.queryParameterNames()) {
      if (isSensitiveName(name)) {
        builder.setQueryParameter(name, "REDACTED");
      }
    }
    return builder.build().toString().replace("=REDACTED", "=" + MASK);
  }

  /** Free text (bodies, platform messages) with {@code name=value} pairs, JSON fields and auth schemes masked. */
  public static String text(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = replace(JSON_FIELD, text, m ->
        isSensitiveName(m.group(1)) ? "\"" + m.group(1) + "\"" + m.group(2) + "\"" + MASK + "\"" : m.group());
    out = replace(PAIR, out, m -> isSensitiveName(m.group(1)) ? m.group(1) + "=" + MASK : m.group());
    return replace(AUTH_SCHEME, out, m -> m.group(1) + " " + MASK);
  }

  /** The text with every occurrence of the given secrets (of at least 6 characters) masked. */
  public static String scrub(String text, java.util.List<String> secrets) {
    String out = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 6) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  /** UTF-8 bytes with the given secrets masked; the same array when none occurs. */
  public static byte[] scrub(byte[] bytes, java.util.List<String> secrets) {
    if (secrets.isEmpty()) {
      return bytes;
    }
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    String scrubbed = scrub(text, secrets);
    return scrubbed.equals(text) ? bytes : scrubbed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String replace(
      Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
