package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A counter a platform reports, such as impressions or likes. An open value so connectors can
 * report platform-specific counters; the constants are the normalised names analytics use.
 */
public record Metric(String name) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public static final Metric IMPRESSIONS = new Metric("impressions");
  public static final Metric REACH = new Metric("reach");
  public static final Metric LIKES = new Metric("likes");
  public static final Metric COMMENTS = new Metric("comments");
  public static final Metric SHARES = new Metric("shares");
  public static final Metric SAVES = new Metric("saves");
  public static final Metric CLICKS = new Metric("clicks");
  public static final Metric LINK_CLICKS = new Metric("link_clicks");
  public static final Metric VIDEO_VIEWS = new Metric("video_views");
  /** Total watch time in milliseconds. */
  public static final Metric WATCH_TIME_MS = new Metric("watch_time_ms");
  public static final Metric FOLLOWERS = new Metric("followers");
  public static final Metric FOLLOWING = new Metric("following");
  public static final Metric PROFILE_VISITS = new Metric("profile_visits");
  public static final Metric QUOTES = new Metric("quotes");
  /** Posts an account has published in its lifetime (a public profile counter). */
  public static final Metric POSTS = new Metric("posts");

  public Metric {
    Checks.required("metric", name);
    if (!NAME.matcher(name).matches()) {
      throw new InvalidValueException("metric", name, "must be lowercase snake_case");
    }
  }

  /** The metric with this name. */
  public static Metric of(String name) {
    return new Metric(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
