package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A social platform, identified by a short lowercase id such as {@code "x"} or {@code
 * "mastodon"}. An open value rather than an enum, so plugins can add platforms; the constants
 * name the built-in ones.
 */
public record Platform(String id) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  public static final Platform X = new Platform("x");
  public static final Platform LINKEDIN = new Platform("linkedin");
  public static final Platform FACEBOOK = new Platform("facebook");
  public static final Platform INSTAGRAM = new Platform("instagram");
  public static final Platform THREADS = new Platform("threads");
  public static final Platform TIKTOK = new Platform("tiktok");
  public static final Platform PINTEREST = new Platform("pinterest");
  public static final Platform YOUTUBE = new Platform("youtube");
  public static final Platform MASTODON = new Platform("mastodon");
  public static final Platform BLUESKY = new Platform("bluesky");
  public static final Platform SANDBOX = new Platform("sandbox");

  public Platform {
    Checks.required("platform", id);
    if (!ID.matcher(id).matches()) {
      throw new InvalidValueException(
          "platform", id, "must be 1-64 lowercase letters, digits, '.', '_' or '-', starting with a letter");
    }
  }

  /** The platform with this id. */
  public static Platform of(String id) {
    return new Platform(id);
  }

  @Override
  public String toString() {
    return id;
  }
}
