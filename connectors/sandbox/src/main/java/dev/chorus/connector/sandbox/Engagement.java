package dev.chorus.connector.sandbox;

import dev.chorus.model.HourOfWeekActivity;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.PostFormat;
import dev.chorus.text.TextRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The engagement model: a pure function of the seed, the post and the time since publication (see
 * the module README for the formula). Every counter is {@code floor(potential x rate x progress)}
 * with one shared, monotonic progress curve, so counters never decrease as time passes.
 */
final class Engagement {

  /** Time constant of the saturating curve: 63% after 10 h, 99% after 46 h. */
  static final double TAU_HOURS = 10.0;
  /** Share of the followers who would see a post with every factor at 1. */
  static final double BASE_REACH_SHARE = 0.5;
  static final double REACH = 0.7;
  static final double LIKES = 0.045;
  static final double COMMENTS = 0.005;
  static final double SHARES = 0.003;
  static final double SAVES = 0.006;
  static final double CLICKS = 0.012;
  static final double LINK_CLICKS = 0.008;
  static final double VIDEO_VIEWS = 0.65;
  static final double WATCH_MS_PER_VIEW = 6_500;
  /** Share of reach that follows the account. */
  static final double FOLLOWS_PER_REACH = 0.002;
  /** Share of impressions that visit the profile. */
  static final double VISITS_PER_IMPRESSION = 0.004;

  private Engagement() {}

  /** Impressions the post would reach at saturation. */
  static double potential(long seed, SandboxPost post, long followers, HourOfWeekActivity activity) {
    return followers * BASE_REACH_SHARE
        * activityFactor(activity, post)
        * formatFactor(post)
        * lengthFactor(post.text())
        * noise(seed, post.externalId());
  }

  /** The audience's weight at the posting hour divided by its mean weight (1 for a flat audience). */
  static double activityFactor(HourOfWeekActivity activity, SandboxPost post) {
    ZonedDateTime local = post.createdAt().atZone(post.zone());
    int hourOfWeek = (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    double sum = 0;
    for (int i = 0; i < HourOfWeekActivity.HOURS; i++) {
      sum += activity.weight(i);
    }
    if (sum <= 0) {
      return 1.0;
    }
    return activity.weight(hourOfWeek) / (sum / HourOfWeekActivity.HOURS);
  }

  /** Video formats travel furthest, text-only posts least. */
  static double formatFactor(SandboxPost post) {
    switch (post.format()) {
      case REEL:
        return 2.4;
      case SHORT:
        return 2.2;
      case VIDEO:
        return 1.7;
      case CAROUSEL:
        return 1.4;
      case DOCUMENT:
        return 1.1;
      case PIN:
        return 0.9;
      case THREAD:
        return 0.75;
      case STORY:
        return 0.7;
      case FEED:
      default:
        if (post.hasVideo()) {
          return 1.3;
        }
        return post.media().isEmpty() ? 0.6 : 1.0;
    }
  }

  /** 1 between 80 and 200 graphemes; shorter texts lose up to 30%, longer ones down to half. */
  static double lengthFactor(String text) {
    int length = TextRules.graphemes(text);
    if (length < 80) {
      return 0.7 + 0.3 * length / 80.0;
    }
    if (length <= 200) {
      return 1.0;
    }
    return Math.max(0.45, 1.0 - (length - 200) / 600.0);
  }

  /** A deterministic factor in [0.85, 1.15) from the seed and the post id. */
  static double noise(long seed, String externalId) {
    return 0.85 + 0.3 * random(seed, externalId).nextDouble();
  }

  static SplittableRandom random(long seed, String key) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key.hashCode());
  }

  /** The saturating curve 1 - exp(-t / tau), 0 before publication. */
  static double progress(Duration elapsed) {
    if (elapsed.isNegative() || elapsed.isZero()) {
      return 0;
    }
    double hours = elapsed.toMillis() / 3_600_000.0;
    return 1.0 - Math.exp(-hours / TAU_HOURS);
  }

  /** The lifetime counters at {@code now}; metrics that do not apply to the post are absent. */
  static Map<Metric, Long> metrics(double potential, SandboxPost post, Instant now) {
    double p = progress(Duration.between(post.createdAt(), now));
    Map<Metric, Long> values = new LinkedHashMap<>();
    values.put(Metric.IMPRESSIONS, count(potential, 1.0, p));
    values.put(Metric.REACH, count(potential, REACH, p));
    values.put(Metric.LIKES, count(potential, LIKES, p));
    values.put(Metric.COMMENTS, count(potential, COMMENTS, p));
    values.put(Metric.SHARES, count(potential, SHARES, p));
    values.put(Metric.CLICKS, count(potential, CLICKS, p));
    if (!post.media().isEmpty()) {
      values.put(Metric.SAVES, count(potential, SAVES, p));
    }
    if (post.hasLink()) {
      values.put(Metric.LINK_CLICKS, count(potential, LINK_CLICKS, p));
    }
    if (video(post)) {
      long views = count(potential, VIDEO_VIEWS, p);
      values.put(Metric.VIDEO_VIEWS, views);
      values.put(Metric.WATCH_TIME_MS, (long) Math.floor(potential * VIDEO_VIEWS * WATCH_MS_PER_VIEW * p));
    }
    return values;
  }

  static boolean video(SandboxPost post) {
    PostFormat format = post.format();
    return format == PostFormat.REEL || format == PostFormat.SHORT || format == PostFormat.VIDEO
        || post.media().contains(MediaKind.VIDEO);
  }

  static long count(double potential, double rate, double progress) {
    return (long) Math.floor(potential * rate * progress);
  }

  /**
   * When the post's comment number {@code index} (from 0) appears: the moment the comments counter
   * first reaches {@code index + 1}, rounded up to the millisecond.
   */
  static Instant commentAt(double potential, SandboxPost post, int index) {
    double total = potential * COMMENTS;
    double share = (index + 1) / total;
    if (share >= 1) {
      return Instant.MAX;
    }
    double hours = -TAU_HOURS * Math.log(1 - share);
    long millis = (long) Math.ceil(hours * 3_600_000.0);
    return post.createdAt().plusMillis(millis);
  }
}
